// A module resolution hook for the server entry's process. `server-only` marks modules that must
// never reach a browser bundle; outside Next's bundler (which resolves it to nothing for server
// code) the package throws on import. The entry's fast paths (./live-routes.ts) import data
// modules that carry the mark, so here, as in Next's server code and the tests, it is nothing.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true }
  return nextResolve(specifier, context)
}
