import 'server-only'
// The demo's product feed: the catalogue as the shop would export it (npm run demo writes it to
// DATA_DIR/demo-feed.xml; npm run feed:simulate changes prices and stock in it and syncs it), so a
// newcomer sees the products task work without a shop. Read through the pool, as the sync is.
import { access } from 'node:fs/promises'
import path from 'node:path'
import { settings } from '@/lib/env'
import type { FeedAvailability, FeedProduct } from '@/lib/feed/feed-product'
import { writeMerchantXml } from '@/lib/feed/merchant-xml-writer'
import { mediaStorage } from '@/lib/storage'
import { query } from './sql'

export const demoFeedFile = () => path.join(settings().DATA_DIR, 'demo-feed.xml')

/** Writes the demo's feed (whole or not at all). */
export function writeDemoFeed(products: FeedProduct[]): Promise<void> {
  return writeMerchantXml(demoFeedFile(), 'Lookbook demo shop', products)
}

/** Writes the demo's feed from the catalogue when there is none yet; true when it did. */
export async function ensureDemoFeed(): Promise<boolean> {
  if (
    await access(demoFeedFile()).then(
      () => true,
      () => false,
    )
  )
    return false
  await writeDemoFeed(await catalogueAsFeed())
  return true
}

type Row = Omit<FeedProduct, 'imageLinks' | 'availability' | 'title' | 'link'> & {
  name: string
  shopUrl: string
  availability: string
  keys: string[]
  feedImageUrls: string[]
}

/** The active products as feed records, images as absolute addresses of this site. */
export async function catalogueAsFeed(): Promise<FeedProduct[]> {
  const rows = await query<Row>(
    `SELECT p.sku, p.name, p.description, p."shopUrl", p."priceCents", p."salePriceCents", p.currency,
       p.availability::text AS availability, p.brand, p.category, p.colors, p.sizes, p.gtin, p."itemGroupId",
       p."feedImageUrls", COALESCE(array_agg(m.key ORDER BY i.position) FILTER (WHERE m.key IS NOT NULL), '{}') AS keys
     FROM "Product" p LEFT JOIN "ProductImage" i ON i."productId" = p.id LEFT JOIN "Media" m ON m.id = i."mediaId"
     WHERE p.active GROUP BY p.id ORDER BY p.sku`,
  )
  const site = settings().SITE_URL
  return rows.map(({ name, shopUrl, keys, feedImageUrls, availability, ...row }) => ({
    ...row,
    title: name,
    link: shopUrl,
    currency: row.currency.trim(),
    imageLinks: keys.length > 0 ? keys.map((key) => new URL(mediaStorage().publicUrl(key), site).href) : feedImageUrls,
    // Merchant Center has no "few left": the campaign's LOW_STOCK is in stock to the shop.
    availability: (availability === 'LOW_STOCK' ? 'IN_STOCK' : availability) as FeedAvailability,
  }))
}
