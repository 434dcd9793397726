// Security headers for every answer, in one place: next.config.js adds them to what Next serves
// (the only way on Vercel; the front cache keeps them with each page it replays), and the
// production server adds them to the answers it writes itself (live routes, refused addresses).
// Plain JavaScript, so next.config.js can import it.

/**
 * Frames: nobody may frame the admin (clickjacking a "Delete" button); public pages only on our own
 * site. The policy here restricts what cannot break a page (plugins, <base>, form targets,
 * framing); the production server entry adds each HTML page's script-src, naming its inline
 * scripts by hash (lib/server/script-hashes.ts). Where that entry does not run (`next dev`,
 * Vercel), scripts are not restricted.
 * @param {{ admin: boolean, production: boolean }} where
 * @returns {[string, string][]}
 */
export function securityHeaders({ admin, production }) {
  const headers = [
    [
      'Content-Security-Policy',
      `frame-ancestors ${admin ? "'none'" : "'self'"}; base-uri 'self'; object-src 'none'; form-action 'self'`,
    ],
    ['X-Frame-Options', admin ? 'DENY' : 'SAMEORIGIN'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()'],
  ]
  // Browsers ignore it over plain HTTP, so the local demo is unaffected; behind Heroku's router or
  // Vercel every answer is HTTPS.
  if (production) headers.push(['Strict-Transport-Security', 'max-age=63072000; includeSubDomains'])
  return /** @type {[string, string][]} */ (headers)
}

/**
 * What an answer that is never shown as a document needs of the set (a script, stylesheet, font
 * or image; a JSON answer of a public API; a page's RSC payload, which only the router fetches):
 * nosniff (it is only ever what its Content-Type says) and HSTS. Framing, CSP, referrer and
 * permission rules act on documents only; on the 25–50 such answers of a page view they were 300
 * bytes each, 6 KB or more a view, for nothing.
 * @param {{ production: boolean }} where
 * @returns {[string, string][]}
 */
export function assetSecurityHeaders({ production }) {
  return securityHeaders({ admin: false, production }).filter(([name]) =>
    ['X-Content-Type-Options', 'Strict-Transport-Security'].includes(name),
  )
}

/**
 * Addresses never shown as documents (next.config.js `source` patterns): built files, stored
 * media, the icon, the public APIs. The admin's APIs keep the whole set (their rule comes later).
 */
const ASSET_SOURCES = ['/_next/static/:path*', '/media/:path*', '/icon.svg', '/api/:path*']

/** Whether an address (a path, with or without its query) is the admin's. @param {string} url */
export const isAdminPath = (url) => /^\/(api\/)?admin(\/|\?|$)/.test(url)

/** Whether an address is a public API's (JSON for scripts, never a document). @param {string} url */
const isPublicApiPath = (url) => /^\/api\//.test(url) && !isAdminPath(url)

/** @type {{ admin: Record<string, string>, site: Record<string, string>, api: Record<string, string> } | undefined} */
let forOwnAnswers

/**
 * The headers for an answer the production server writes itself, by its address.
 * @param {string} url
 * @returns {Record<string, string>}
 */
export function securityHeadersFor(url) {
  const production = process.env.NODE_ENV === 'production'
  forOwnAnswers ??= {
    admin: Object.fromEntries(securityHeaders({ admin: true, production })),
    site: Object.fromEntries(securityHeaders({ admin: false, production })),
    api: Object.fromEntries(assetSecurityHeaders({ production })),
  }
  if (isAdminPath(url)) return forOwnAnswers.admin
  return isPublicApiPath(url) ? forOwnAnswers.api : forOwnAnswers.site
}

/** For next.config.js `headers()`: the admin's set on its pages and APIs, the public set elsewhere. */
export function nextConfigSecurityHeaders() {
  // Next compiles these into the build, and loads this config for `next build` before it sets
  // NODE_ENV: only `next dev` is known not to be production here.
  const production = process.env.NODE_ENV !== 'development'
  const asObjects = (/** @type {[string, string][]} */ headers) => headers.map(([key, value]) => ({ key, value }))
  const page = asObjects(securityHeaders({ admin: false, production }))
  const admin = asObjects(securityHeaders({ admin: true, production }))
  const asset = asObjects(assetSecurityHeaders({ production }))
  // A page's RSC payload: the router asks for it with an `RSC` header, a browser's own navigation
  // never sends one, so that answer is never shown as a document.
  const routerFetch = [{ type: /** @type {const} */ ('header'), key: 'rsc' }]
  return [
    // Documents get the whole set; everything else only what applies to it.
    { source: '/:path((?!_next/static/|media/|icon\\.svg$|api/).*)', missing: routerFetch, headers: page },
    { source: '/:path((?!_next/static/|media/|icon\\.svg$|api/).*)', has: routerFetch, headers: asset },
    ...ASSET_SOURCES.map((source) => ({ source, headers: asset })),
    // Later entries win for the same header: the admin's stricter framing rules last.
    { source: '/admin', headers: admin },
    { source: '/admin/:path*', headers: admin },
    { source: '/api/admin/:path*', headers: admin },
  ]
}
