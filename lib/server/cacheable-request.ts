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

export function cacheKeyOf(request: IncomingMessage): string {
  let key = request.url ?? '/'
  for (const name of VARY_HEADERS) {
    const value = request.headers[name]
    if (value !== undefined) key += `\n${name}:${String(value)}`
  }
  return key
}
