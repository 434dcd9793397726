// Live price and availability: GET /api/offers?sku=A&sku=B. Never cached by a CDN or the
// browser; the data layer keeps a short KV cache. Pages load this through SWR.
import type { NextRequest } from 'next/server'
import { getOffers, MAX_OFFERS_PER_REQUEST } from '@/lib/data/offers'
import { jsonError, NO_STORE } from '@/lib/http/responses'

export const dynamic = 'force-dynamic'

export async function GET(request: NextRequest) {
  const skus = request.nextUrl.searchParams.getAll('sku').flatMap((value) => value.split(',')).map((sku) => sku.trim()).filter(Boolean)
  if (skus.length === 0) return jsonError(400, 'Give at least one sku, e.g. /api/offers?sku=LB-TOP-10000')
  if (skus.length > MAX_OFFERS_PER_REQUEST) return jsonError(400, `At most ${MAX_OFFERS_PER_REQUEST} skus per request.`)
  if (skus.some((sku) => !/^[A-Za-z0-9._-]{1,64}$/.test(sku))) return jsonError(400, 'A sku has letters, digits, dots, dashes and underscores only.')
  return Response.json({ offers: await getOffers(skus) }, { headers: NO_STORE })
}
