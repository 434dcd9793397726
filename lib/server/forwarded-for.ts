// The production server makes X-Forwarded-For say what lib/http/client-address.ts may believe,
// before the live routes and Next read it, so both doors find the same client address.
import type { IncomingMessage } from 'node:http'

/**
 * With no proxy in front (TRUSTED_PROXY_HOPS=0) the connection's own address replaces whatever the
 * client wrote. Behind proxies, a request that came without the header (one that reached us past
 * them) gets the connection's address, as Next's handler would give it: the live routes, which
 * answer before Next, see the same.
 */
export function pinForwardedFor(request: IncomingMessage, proxyHops: number): void {
  if (proxyHops > 0 && request.headers['x-forwarded-for'] !== undefined) return
  // A socket already closed has no address: then no entry, and the client's address is unknown.
  request.headers['x-forwarded-for'] = request.socket.remoteAddress ?? ''
}
