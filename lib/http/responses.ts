// JSON answers for route handlers: honest status codes and a readable message.
import { REVALIDATE_SECONDS } from '@/lib/cache/policy'
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  warnDatabaseUnavailable,
} from '@/lib/data/unavailable'

export function jsonError(
  status: number,
  error: string,
  extra: Record<string, unknown> = {},
  headers: HeadersInit = {},
): Response {
  return Response.json({ error, ...extra }, { status, headers: { 'Cache-Control': 'no-store', ...headers } })
}

/** Field errors from a zod error, for forms. */
export function fieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return errors
}

/**
 * Public, shared caching for a CDN in front: fresh for the policy's time, then served stale while
 * one request refreshes it.
 */
export function publicCache(kind: keyof typeof REVALIDATE_SECONDS): HeadersInit {
  const seconds = REVALIDATE_SECONDS[kind]
  return { 'Cache-Control': `public, s-maxage=${seconds}, stale-while-revalidate=${seconds * 6}` }
}

export const NO_STORE: HeadersInit = { 'Cache-Control': 'no-store' }

/** Reads a JSON body, or null when it is not valid JSON (the caller answers 400). */
export async function readJson(request: Request): Promise<unknown | null> {
  return jsonBody(request.headers.get('content-type'), await request.text())
}

/** A body's JSON, or null when it is not declared as JSON or does not parse. */
export function jsonBody(contentType: string | null | undefined, text: string): unknown | null {
  if (!(contentType ?? '').includes('application/json')) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** The answer when the database cannot be reached: 503, with when to try again. */
export const DATABASE_UNAVAILABLE = {
  status: 503,
  body: { error: DATABASE_UNAVAILABLE_MESSAGE },
  headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
} as const

/**
 * A route handler that answers a database outage with 503 JSON and Retry-After (logged once, not
 * per request) instead of Next's 500 page. Any other error is still a bug and is thrown on.
 */
export function withOutageAnswer<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args)
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error
      warnDatabaseUnavailable(error)
      const { status, body, headers } = DATABASE_UNAVAILABLE
      return jsonError(status, body.error, {}, headers)
    }
  }
}
