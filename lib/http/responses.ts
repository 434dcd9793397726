// JSON answers for route handlers: honest status codes and a readable message.
import { REVALIDATE_SECONDS } from '@/lib/cache/policy'

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
