// The offers API's question: which SKUs. Shared by the route handler (Vercel) and the production
// server's fast path, so both accept and refuse exactly the same.
import { MAX_OFFERS_PER_REQUEST } from '@/lib/data/offers'

/** What a SKU may look like, in addresses and queries, and what to say when one does not. */
export const SKU_PATTERN = /^[A-Za-z0-9._-]{1,64}$/
export const SKU_RULE = 'A sku has letters, digits, dots, dashes and underscores only.'

export function parseOfferQuery(query: URLSearchParams): { skus: string[] } | { error: string } {
  const skus = query
    .getAll('sku')
    .flatMap((value) => value.split(','))
    .map((sku) => sku.trim())
    .filter(Boolean)
  if (skus.length === 0) return { error: 'Give at least one sku, e.g. /api/offers?sku=LB-TOP-10000' }
  if (skus.length > MAX_OFFERS_PER_REQUEST) return { error: `At most ${MAX_OFFERS_PER_REQUEST} skus per request.` }
  if (skus.some((sku) => !SKU_PATTERN.test(sku))) return { error: SKU_RULE }
  return { skus }
}
