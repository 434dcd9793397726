// Which requests the front cache may answer, and the key it files their answers under.
import type { IncomingMessage } from 'node:http'
import { SESSION_COOKIE } from '@/lib/auth/session-cookie'

/**
 * Cookies that make a page personal: an editor's session, Next's draft mode and preview. Other
 * cookies (the visitor id, campaign attribution) change nothing in a page, so they do not bypass.
 */
const PERSONAL_COOKIES = [`${SESSION_COOKIE}=`, '__prerender_bypass=', '__next_preview_data=']

/**
 * Paths that are never shared answers: live prices, likes and comments (per visitor, never
 * cached), the admin and its API, and the health check, which must reach the database.
 */
const LIVE_PATHS = [
  '/api/offers',
  '/api/likes',
  '/api/comments',
  '/api/admin',
  '/admin',
  '/api/health',
  '/api/ready',
  '/api/draft',
]

/** Why the request must go to Next, or null when the front cache may answer it. */
export function requestBypassReason(request: IncomingMessage): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return 'method'
  if (request.headers.authorization) return 'authorization'
  // A range of a cached body is rare (media, video) and Next answers it well.
  if (request.headers.range) return 'range'
  const cookie = request.headers.cookie
  if (cookie && PERSONAL_COOKIES.some((name) => cookie.includes(name))) return 'personal cookie'
  const url = request.url ?? '/'
  if (LIVE_PATHS.some((prefix) => isUnder(url, prefix))) return 'live path'
  return null
}

/** Whether a request URL is the path itself or below it (with or without a query), not `/adminx`. */
export function isUnder(url: string, path: string): boolean {
  return url.startsWith(path) && (url.length === path.length || url[path.length] === '/' || url[path.length] === '?')
}

/**
 * The key of an answer: the URL as asked plus the router headers Next varies its pages on (an
 * RSC payload and the HTML of one URL are different answers), as a CDN keys on `Vary`. Accept-
 * Encoding is not part of it: every encoding of an answer is kept in one entry.
 */
export const VARY_HEADERS = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-url',
] as const

/** The request headers an answer is keyed and negotiated by: the router's, and Accept (images). */
export const ANSWER_HEADERS: readonly string[] = [...VARY_HEADERS, 'accept']

export function cacheKeyOf(request: IncomingMessage): string {
  let key = request.url ?? '/'
  for (const name of VARY_HEADERS) {
    const value = request.headers[name]
    if (value !== undefined) key += `\n${name}:${String(value)}`
  }
  if (isImageOptimizerUrl(key)) key += `\naccept:${imageFormatAccepted(request.headers.accept)}`
  return key
}

/** Next's image optimizer: its answers vary on Accept, by the image format it picks from it. */
export function isImageOptimizerUrl(url: string): boolean {
  return isUnder(url, '/_next/image')
}

/**
 * The format Next's optimizer sends for a browser's Accept, as it decides: WebP (the one format
 * next.config enables: Next's default `images.formats`) when the header names `image/webp` and
 * does not refuse it with q=0; otherwise the source's own format. Browsers' Accept headers differ
 * in many ways but fall into these two, so one copy serves each. A format added to next.config
 * must be added here too (tests/unit/front-cache.test.ts holds the two to each other).
 */
function imageFormatAccepted(accept: string | string[] | undefined): 'webp' | 'source' {
  for (const part of String(accept ?? '').split(',')) {
    const [type, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase())
    if (type !== 'image/webp') continue
    const quality = parameters.find((parameter) => parameter.startsWith('q='))
    return quality !== undefined && Number(quality.slice(2)) === 0 ? 'source' : 'webp'
  }
  return 'source'
}
