// Addresses no page can have, answered before Next (or the database) sees them: a malformed
// percent-encoding (Next itself would answer a plain-text 500) is a 400; a control character such
// as NUL in the path (PostgreSQL refuses it in a query: a 500 deep inside) is a 404. Cheap on the
// hot path: a path without '%' is let through at once.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { securityHeadersFor } from '@/lib/http/security-headers.js'

// C0 controls and DEL: never part of a slug, a media key or any route of ours.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/

/** The path's problem, if any, as a status and a message. */
export function pathProblem(url: string): { status: 400 | 404; message: string } | null {
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  if (!path.includes('%')) return CONTROL_CHARACTER.test(path) ? NOT_FOUND : null
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return { status: 400, message: 'The address has a malformed percent-encoding (e.g. a lone "%").' }
  }
  return CONTROL_CHARACTER.test(decoded) ? NOT_FOUND : null
}
const NOT_FOUND = { status: 404 as const, message: 'No page has this address.' }

/** Answers a request whose path no page can have (and says so by returning true). */
export function refuseImpossiblePath(request: IncomingMessage, response: ServerResponse): boolean {
  const url = request.url ?? '/'
  const problem = pathProblem(url)
  if (!problem) return false
  refuse(response, url, problem.status, problem.message)
  return true
}

/**
 * A refusal this server writes itself, with the security headers: JSON for APIs and server action
 * calls (scripts read them), text for an address typed into a browser.
 */
export function refuse(
  response: ServerResponse,
  url: string,
  status: number,
  message: string,
  api = url.startsWith('/api/'),
): void {
  response.writeHead(status, {
    ...securityHeadersFor(url),
    'content-type': api ? 'application/json' : 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(api ? JSON.stringify({ error: message }) : `${message}\n`)
}

/**
 * A server action posted from another site's page (its Origin is not this host): refused with 403
 * before Next, which would abort it too, but with a 500.
 */
export function refuseForeignAction(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'POST' || !request.headers['next-action']) return false
  const origin = request.headers.origin
  if (!origin) return false // not sent by a browser page; the action checks the session itself
  // Behind proxies the forwarded host may list several: the first is what the browser asked for.
  const forwarded = request.headers['x-forwarded-host']
  const host = ((Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? request.headers.host)?.split(',')[0]?.trim()
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    originHost = ''
  }
  if (originHost && originHost === host) return false
  refuse(response, request.url ?? '/', 403, 'Actions are accepted only from this site’s own pages.', true)
  return true
}
