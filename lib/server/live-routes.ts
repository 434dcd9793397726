// Live answers the production server gives itself, before the front cache and Next: they are
// per request by nature (never cached), asked for on every page view, and each costs Next about a
// millisecond of routing and wrapping for a few microseconds of work. Same validation and data
// functions as their route handlers in app/api, which still serve them on Vercel.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getOffers } from '@/lib/data/offers'
import { parseOfferQuery } from '@/lib/http/offers-query'

/** Answers the request when it is one of the live routes (returns true). */
export async function serveLiveRoute(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const url = request.url ?? '/'
  if (url.startsWith('/api/offers') && (url.length === 11 || url[11] === '?')) {
    if (request.method !== 'GET') return false // Next answers HEAD, and 405 to the rest
    const query = parseOfferQuery(new URLSearchParams(url.slice(12)))
    if ('error' in query) sendJson(response, 400, { error: query.error })
    else sendJson(response, 200, { offers: await getOffers(query.skus) })
    return true
  }
  return false
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body)
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(json) })
  response.end(json)
}
