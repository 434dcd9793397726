// The host name Next is told it is served at (next({ hostname })), from the address the server
// listens on (HOST). Next compares the URLs its proxy (proxy.ts) rewrites to with that origin, but
// it writes every loopback address in those URLs as `localhost` (NextURL). Told 127.0.0.1, it took
// its own listing rewrites (lib/proxy/listing-rewrite.ts) for another origin's and proxied each one
// over HTTP back to this server: a second request per listing page, and the close listeners it
// adds to the first one's response piling up past Node's limit (MaxListenersExceededWarning).

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i

/** `localhost` for a loopback address (it reaches the same listener), else the address itself. */
export function nextHostname(host: string | undefined): string {
  if (!host || LOOPBACK.test(host)) return 'localhost'
  return host
}
