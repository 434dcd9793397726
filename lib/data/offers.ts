import 'server-only'
import { prisma } from '@/lib/db/client'
import { keyValueStore } from '@/lib/kv'
import { REVALIDATE_SECONDS } from '@/lib/cache/policy'
import { offerKey } from '@/lib/cache/offer-cache'
import { formatPrice } from '@/lib/format'
import type { Offer } from './types'

export const MAX_OFFERS_PER_REQUEST = 60
/** What the KV remembers of a SKU: its offer, or that there is none (unknown or inactive). */
type Remembered = Offer | { sku: string; none: true }

/**
 * SKUs being read from the database by this process, each with the read that brings it. When a
 * window ends, every request in flight finds the KV empty at once: the first reads, the others
 * wait for its answer instead of each asking the database (a stall every 10 s under a spike).
 */
const readsInFlight = new Map<string, Promise<Remembered>>()

/**
 * Live price and availability, never part of a cached page. Read through a short KV cache
 * (REVALIDATE_SECONDS.products at most) so a spike costs the database one read per product per
 * window, not one per visitor: one KV round trip per request, whatever the number of SKUs. Unknown
 * or inactive SKUs are left out, and remembered as such for the same window, so asking for them
 * again and again does not reach the database either.
 */
export async function getOffers(skus: string[]): Promise<Offer[]> {
  const wanted = [...new Set(skus)].slice(0, MAX_OFFERS_PER_REQUEST)
  const kv = keyValueStore()
  // A KV outage must not take prices down with it: read from the database then.
  const found = await kv.getMany<Remembered>(wanted.map(offerKey)).catch(() => wanted.map(() => null))
  const known = new Map<string, Remembered>()
  found.forEach((remembered) => remembered && isCurrent(remembered) && known.set(remembered.sku, remembered))

  const missing = wanted.filter((sku) => !known.has(sku))
  if (missing.length > 0) {
    const toRead = missing.filter((sku) => !readsInFlight.has(sku))
    if (toRead.length > 0) readFromDatabase(toRead)
    const read = await Promise.all(missing.map((sku) => readsInFlight.get(sku)!))
    for (const remembered of read) known.set(remembered.sku, remembered)
  }
  return wanted
    .map((sku) => known.get(sku))
    .filter((remembered): remembered is Offer => Boolean(remembered) && !('none' in remembered!))
}

/** A product row's offer, its prices formatted as the shop shows them. */
export function offerOf(row: {
  sku: string
  priceCents: number
  salePriceCents: number | null
  currency: string
  availability: Offer['availability']
  offerUpdatedAt: Date
}): Offer {
  return {
    sku: row.sku,
    priceCents: row.priceCents,
    salePriceCents: row.salePriceCents,
    currency: row.currency,
    price: formatPrice(row.priceCents, row.currency),
    salePrice: row.salePriceCents === null ? null : formatPrice(row.salePriceCents, row.currency),
    availability: row.availability,
    updatedAt: row.offerUpdatedAt.toISOString(),
  }
}

/** Whether a remembered offer has today's shape: one a version before formatted prices wrote is read again. */
function isCurrent(remembered: Remembered): boolean {
  return 'none' in remembered || typeof remembered.price === 'string'
}

/** One query for these SKUs, registered in readsInFlight until the KV has the answers. */
function readFromDatabase(skus: string[]): void {
  const reading = (async () => {
    const rows = await prisma().product.findMany({
      where: { sku: { in: skus }, active: true },
      select: {
        sku: true,
        priceCents: true,
        salePriceCents: true,
        currency: true,
        availability: true,
        offerUpdatedAt: true,
      },
    })
    const bySku = new Map<string, Remembered>(skus.map((sku) => [sku, { sku, none: true }]))
    for (const row of rows) bySku.set(row.sku, offerOf(row))
    const kv = keyValueStore()
    await Promise.all(
      skus.map((sku) => kv.set(offerKey(sku), bySku.get(sku), REVALIDATE_SECONDS.products).catch(() => undefined)),
    )
    return bySku
  })()
  for (const sku of skus) {
    const one = reading.then((bySku) => bySku.get(sku)!)
    readsInFlight.set(sku, one)
    // Forgotten once settled (a failed read is tried again by the next request).
    one
      .catch(() => undefined)
      .finally(() => {
        if (readsInFlight.get(sku) === one) readsInFlight.delete(sku)
      })
  }
}
