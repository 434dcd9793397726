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
 * What to answer for an error: DATABASE_UNAVAILABLE when it is a database outage (said in the log
 * once, not per request), or null when it is anything else — a bug, to be thrown on.
 */
export function outageAnswer(error: unknown): typeof DATABASE_UNAVAILABLE | null {
  if (!isDatabaseUnavailable(error)) return null
  warnDatabaseUnavailable(error)
  return DATABASE_UNAVAILABLE
}

/** A route handler that answers a database outage with 503 JSON and Retry-After instead of Next's 500 page. */
export function withOutageAnswer<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args)
    } catch (error) {
      const outage = outageAnswer(error)
      if (!outage) throw error
      return jsonError(outage.status, outage.body.error, {}, outage.headers)
    }
  }
}
