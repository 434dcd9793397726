// What the site calls itself. Shown in the header, titles and Open Graph tags.
export const SITE = {
  name: 'Lookbook',
  campaign: 'Autumn Edit',
  tagline: 'One season, eight voices. Shop the looks they live in.',
  description: 'The campaign lookbook: idols, their outfits and every piece in them, ready to shop.',
} as const

/** Campaign parameters every outbound link to the shop carries, so the shop credits the campaign. */
export const SHOP_UTM = { utm_source: 'lookbook', utm_medium: 'campaign', utm_campaign: 'autumn-edit' } as const

/**
 * Where "Buy at the shop" points: /go/<sku> counts the click, then sends the visitor on to
 * shopLink() (app/go/[sku]/route.ts).
 */
export function clickOutPath(sku: string, from: { type: 'outfit' | 'product' | 'idol'; slug: string }): string {
  return `/go/${encodeURIComponent(sku)}?from=${from.type}/${from.slug}`
}

export function shopLink(shopUrl: string, content?: string): string {
  const url = new URL(shopUrl)
  for (const [key, value] of Object.entries(SHOP_UTM)) url.searchParams.set(key, value)
  if (content) url.searchParams.set('utm_content', content)
  return url.toString()
}
