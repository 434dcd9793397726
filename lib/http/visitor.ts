// The anonymous visitor: a random id in a first-party cookie, created the first time a visitor
// likes or comments (never on page responses, which must stay cacheable).
import { randomUUID } from 'node:crypto'
import type { NextRequest } from 'next/server'
import { cookieValue } from './cookie-value'

export const VISITOR_COOKIE = 'lb_visitor'
const ONE_YEAR = 365 * 24 * 3600

export function visitorIdOf(request: NextRequest): string | null {
  return validVisitorId(request.cookies.get(VISITOR_COOKIE)?.value)
}

/** The visitor id in a raw Cookie header (the production server's fast paths have no NextRequest). */
export function visitorIdFromCookieHeader(header: string | undefined): string | null {
  return validVisitorId(cookieValue(header, VISITOR_COOKIE))
}

function validVisitorId(value: string | undefined): string | null {
  return value && /^[0-9a-f-]{36}$/.test(value) ? value : null
}

export function newVisitorId(): string {
  return randomUUID()
}

/** The Set-Cookie value that remembers a visitor: httpOnly, SameSite=Lax, Secure in production. */
export function visitorCookie(visitorId: string): string {
  const secure = process.env.NODE_ENV === 'production' ? '; Secure' : ''
  return `${VISITOR_COOKIE}=${visitorId}; Path=/; Max-Age=${ONE_YEAR}; HttpOnly; SameSite=Lax${secure}`
}

/**
 * What the like and comment handlers answer (lib/http/likes.ts, comments.ts): a JSON body, and the
 * visitor id to remember in a cookie when this visitor is new. Both doors send it the same way.
 */
export type VisitorAnswer = {
  status: number
  body: Record<string, unknown>
  headers?: Record<string, string>
  newVisitor?: string
  /** The record whose public reactions the accepted write changed (its shared answer is forgotten). */
  changed?: { type: string; slug: string }
}

/** The headers of such an answer: never stored, its own, and the new visitor's cookie. */
export function visitorAnswerHeaders(answer: VisitorAnswer): Record<string, string> {
  return {
    'cache-control': 'no-store',
    ...answer.headers,
    ...(answer.newVisitor ? { 'set-cookie': visitorCookie(answer.newVisitor) } : {}),
  }
}
