// Products written as a Google Merchant Center XML feed, the way a shop's export would write them:
// the demo's own feed (npm run demo, npm run feed:simulate) is made so, and read back by the same
// sync as any shop's.
import { createWriteStream } from 'node:fs'
import { rename } from 'node:fs/promises'
import { once } from 'node:events'
import type { FeedAvailability, FeedProduct } from './feed-product'

const AVAILABILITY: Record<FeedAvailability, string> = {
  IN_STOCK: 'in_stock',
  OUT_OF_STOCK: 'out_of_stock',
  PREORDER: 'preorder',
}

/** Text as XML element content (and attribute values). */
export const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const amount = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`

export function merchantItem(product: FeedProduct): string {
  const [image, ...additional] = product.imageLinks
  const fields: [string, string | null | undefined][] = [
    ['g:id', product.sku],
    ['title', product.title],
    ['description', product.description],
    ['link', product.link],
    ['g:image_link', image],
    ...additional.map((link): [string, string] => ['g:additional_image_link', link]),
    ['g:price', amount(product.priceCents, product.currency)],
    ['g:sale_price', product.salePriceCents === null ? null : amount(product.salePriceCents, product.currency)],
    ['g:availability', AVAILABILITY[product.availability]],
    ['g:brand', product.brand],
    ['g:product_type', product.category],
    ['g:color', product.colors.join('/')],
    ['g:size', product.sizes.join(', ')],
    ['g:gtin', product.gtin],
    ['g:item_group_id', product.itemGroupId],
  ]
  const lines = fields
    .filter(([, value]) => value)
    .map(([element, value]) => `    <${element}>${escapeXml(value!)}</${element}>`)
  return `  <item>\n${lines.join('\n')}\n  </item>\n`
}

/** Writes the feed whole or not at all (into a temporary file, then renamed): a sync never reads half of it. */
export async function writeMerchantXml(file: string, title: string, products: Iterable<FeedProduct>): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`
  const out = createWriteStream(temporary)
  out.write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n<title>${escapeXml(title)}</title>\n`,
  )
  for (const product of products) if (!out.write(merchantItem(product))) await once(out, 'drain')
  out.end('</channel>\n</rss>\n')
  await once(out, 'finish')
  await rename(temporary, file)
}
