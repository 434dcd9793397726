// Where the live offers API (lib/data/offers.ts) caches each SKU's offer in the KV, and how what
// changes an offer (a feed run, a pushed event) makes it forget them. Apart from the offers API,
// which reads the database through Prisma, so that a feed process need not load Prisma at all.
import { keyValueStore } from '@/lib/kv'

export const offerKey = (sku: string) => `offer:${sku}`

/** Forgets the cached offers of these SKUs (the feed changed them): the next request reads them afresh. */
export async function forgetOffers(skus: string[]): Promise<void> {
  const kv = keyValueStore()
  // A few hundred at a time: a whole catalogue's worth of commands at once would queue them all.
  for (let at = 0; at < skus.length; at += 500)
    await Promise.all(skus.slice(at, at + 500).map((sku) => kv.delete(offerKey(sku)).catch(() => undefined)))
}
