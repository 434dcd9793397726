// Live price and availability: GET /api/offers?sku=A&sku=B. Never cached by a CDN or the
// browser; the data layer keeps a short KV cache. Pages load this through SWR. The production
// server answers this path itself, before Next (lib/server/live-routes.ts); this handler serves
// it where that server does not run (Vercel, `next dev`).
import type { NextRequest } from 'next/server'
import { getOffers } from '@/lib/data/offers'
import { parseOfferQuery } from '@/lib/http/offers-query'
import { jsonError, NO_STORE, withOutageAnswer } from '@/lib/http/responses'

export const dynamic = 'force-dynamic'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  const query = parseOfferQuery(request.nextUrl.searchParams)
  if ('error' in query) return jsonError(400, query.error)
  return Response.json({ offers: await getOffers(query.skus) }, { headers: NO_STORE })
})
