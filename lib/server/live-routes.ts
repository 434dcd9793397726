// Live answers the production server gives itself, before the front cache and Next: they are
// per request by nature (never cached), asked for on every page view, like, comment or shop click,
// and Next's routing and wrapping cost far more than their own work. Same validation and data functions as their
// route handlers in app/api, which still serve them on Vercel and in `next dev`.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { TAGS } from '@/lib/cache/tags'
import { getOffers } from '@/lib/data/offers'
import { answerClickOut, CLICK_OUT_HEADERS } from '@/lib/http/click-out-answer'
import { clientAddress } from '@/lib/http/client-address'
import { answerComment } from '@/lib/http/comments'
import { answerLike } from '@/lib/http/likes'
import { parseOfferQuery } from '@/lib/http/offers-query'
import { securityHeadersFor } from '@/lib/http/security-headers.js'
import { jsonBody, outageAnswer } from '@/lib/http/responses'
import { visitorAnswerHeaders, visitorIdFromCookieHeader, type VisitorAnswer } from '@/lib/http/visitor'
import { isUnder } from './cacheable-request'
import { readBodyUpTo, TOO_LARGE } from './request-body'

/** A like's body is a few dozen bytes and a comment's at most a few KB; anything much larger is neither. */
const MAX_BODY_BYTES = 16 * 1024

const POSTS: Record<
  string,
  { what: string; answer: (json: unknown, visitor: string | null, request: IncomingMessage) => Promise<VisitorAnswer> }
> = {
  '/api/likes': { what: 'A like', answer: (json, visitor, request) => answerLike(json, visitor, addressOf(request)) },
  '/api/comments': {
    what: 'A comment',
    answer: (json, visitor, request) => answerComment(json, visitor, addressOf(request)),
  },
}

/** The client's address by the route handlers' rule; X-Forwarded-For was pinned by ./forwarded-for.ts. */
function addressOf(request: IncomingMessage): string {
  return clientAddress({ get: (name) => headerOf(request, name) })
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Whether this request is one of the live routes the server answers itself (a cheap, synchronous look). */
export function isLiveRoute(request: IncomingMessage): boolean {
  const url = request.url ?? '/'
  return (
    (request.method === 'GET' && isExactly(url, '/api/offers')) ||
    (request.method === 'POST' && postPathOf(url) !== undefined) ||
    ((request.method === 'GET' || request.method === 'HEAD') && clickOutSkuOf(url) !== undefined)
  )
}

/** `/go/<sku>` with or without a query: the SKU as Next would route it (decoded), else undefined. */
function clickOutSkuOf(url: string): string | undefined {
  if (!url.startsWith('/go/')) return undefined
  const end = url.indexOf('?')
  const segment = url.slice('/go/'.length, end === -1 ? undefined : end)
  if (segment === '' || segment.includes('/')) return undefined
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment // not a SKU either way: answered 400 with the SKU rule
  }
}

function postPathOf(url: string): string | undefined {
  return Object.keys(POSTS).find((path) => isExactly(url, path))
}

/**
 * Told the reactions tag of a record a like or comment was accepted for (app/api/reactions): the
 * front cache forgets that record's shared answer, so the next view on this server shows it.
 */
export type ReactionsChanged = (tags: string[]) => void

/** Answers a request isLiveRoute accepted; a database outage is a 503 with Retry-After, not a 500. */
export async function serveLiveRoute(
  request: IncomingMessage,
  response: ServerResponse,
  reactionsChanged: ReactionsChanged = () => undefined,
): Promise<void> {
  try {
    await answerLiveRoute(request, response, reactionsChanged)
  } catch (error) {
    const outage = response.headersSent ? null : outageAnswer(error)
    if (!outage) throw error
    request.resume() // a body not read yet is drained, so the connection can serve the next request
    sendJson(response, outage.status, outage.body, outage.headers)
  }
}

async function answerLiveRoute(
  request: IncomingMessage,
  response: ServerResponse,
  reactionsChanged: ReactionsChanged,
): Promise<void> {
  const url = request.url ?? '/'
  const sku = clickOutSkuOf(url)
  if (sku !== undefined) return answerShopClick(request, response, sku)
  if (request.method === 'GET') {
    const query = parseOfferQuery(new URLSearchParams(url.slice('/api/offers'.length + 1)))
    if ('error' in query) sendJson(response, 400, { error: query.error })
    else sendJson(response, 200, { offers: await getOffers(query.skus) })
    return
  }
  const post = POSTS[postPathOf(url)!]!
  const json = await readJsonBody(request)
  if (json === TOO_LARGE) {
    sendJson(response, 413, { error: `${post.what} is a small JSON object (at most ${MAX_BODY_BYTES} bytes).` })
    return
  }
  const answer = await post.answer(json, visitorIdFromCookieHeader(request.headers.cookie), request)
  // The target as validated (a slug trimmed, say), never the raw body's.
  if (answer.changed) reactionsChanged([TAGS.reactions(answer.changed.type, answer.changed.slug)])
  sendJson(response, answer.status, answer.body, visitorAnswerHeaders(answer))
}

async function answerShopClick(request: IncomingMessage, response: ServerResponse, sku: string): Promise<void> {
  const url = request.url ?? '/'
  const query = url.indexOf('?')
  const answer = await answerClickOut(sku, new URLSearchParams(query === -1 ? '' : url.slice(query + 1)), {
    method: request.method ?? 'GET',
    headers: { get: (name) => headerOf(request, name) ?? null, has: (name) => request.headers[name] !== undefined },
    ip: addressOf(request),
  })
  if (answer.status !== 302) return sendJson(response, answer.status, { error: answer.error }, CLICK_OUT_HEADERS)
  response.writeHead(302, { ...securityHeadersFor(url), ...lowerCased(CLICK_OUT_HEADERS), location: answer.location })
  response.end()
}

/** The path itself, with or without a query; not a longer path that starts the same. */
function isExactly(url: string, path: string): boolean {
  return isUnder(url, path) && url[path.length] !== '/'
}

/** The body as JSON, null when it is not JSON (the same rule as the route handlers'), or TOO_LARGE. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const body = await readBodyUpTo(request, MAX_BODY_BYTES)
  return body === TOO_LARGE ? TOO_LARGE : jsonBody(request.headers['content-type'], body.toString('utf8'))
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body)
  // A HEAD (a shop link checked, not followed) gets the headers alone: node leaves the body out.
  response.writeHead(status, {
    ...securityHeadersFor('/api/'),
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(json),
    ...lowerCased(headers),
  })
  response.end(json)
}

/** Header names in one case, so that a given Cache-Control replaces the default instead of joining it. */
function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}
