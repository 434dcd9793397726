import 'server-only'
import { prisma } from '@/lib/db/client'
import { keyValueStore } from '@/lib/kv'
import { REVALIDATE_SECONDS } from '@/lib/cache/policy'
import type { Offer } from './types'

export const MAX_OFFERS_PER_REQUEST = 60
const offerKey = (sku: string) => `offer:${sku}`

/**
 * Live price and availability, never part of a cached page. Read through a short KV cache
 * (REVALIDATE_SECONDS.products at most) so a spike costs the database one read per product per
 * window, not one per visitor. Unknown or inactive SKUs are left out.
 */
export async function getOffers(skus: string[]): Promise<Offer[]> {
  const wanted = [...new Set(skus)].slice(0, MAX_OFFERS_PER_REQUEST)
  const kv = keyValueStore()
  const found = await Promise.all(wanted.map((sku) => kv.get<Offer>(offerKey(sku)).catch(() => null)))
  const offers = new Map<string, Offer>()
  found.forEach((offer) => offer && offers.set(offer.sku, offer))

  const missing = wanted.filter((sku) => !offers.has(sku))
  if (missing.length > 0) {
    const rows = await prisma().product.findMany({
      where: { sku: { in: missing }, active: true },
      select: { sku: true, priceCents: true, currency: true, availability: true, offerUpdatedAt: true },
    })
    await Promise.all(
      rows.map(async (row) => {
        const offer: Offer = { sku: row.sku, priceCents: row.priceCents, currency: row.currency, availability: row.availability, updatedAt: row.offerUpdatedAt.toISOString() }
        offers.set(row.sku, offer)
        // A KV outage must not take prices down with it: read from the database then.
        await kv.set(offerKey(row.sku), offer, REVALIDATE_SECONDS.products).catch(() => undefined)
      }),
    )
  }
  return wanted.map((sku) => offers.get(sku)).filter((offer): offer is Offer => Boolean(offer))
}
