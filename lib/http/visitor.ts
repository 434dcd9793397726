// The anonymous visitor: a random id in a first-party cookie, created the first time a visitor
// likes or comments (never on page responses, which must stay cacheable).
import { randomUUID } from 'node:crypto'
import type { NextRequest, NextResponse } from 'next/server'

export const VISITOR_COOKIE = 'lb_visitor'
const ONE_YEAR = 365 * 24 * 3600

export function visitorIdOf(request: NextRequest): string | null {
  const value = request.cookies.get(VISITOR_COOKIE)?.value
  return value && /^[0-9a-f-]{36}$/.test(value) ? value : null
}

export function newVisitorId(): string {
  return randomUUID()
}

export function rememberVisitor(response: NextResponse, visitorId: string): void {
  response.cookies.set(VISITOR_COOKIE, visitorId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production',
    maxAge: ONE_YEAR,
    path: '/',
  })
}

/** The client's address as the platform's router reports it (Heroku and Vercel set X-Forwarded-For). */
export function clientIp(request: NextRequest): string {
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || 'unknown'
}
