// The URLs the bench loads, read from the seeded database: one of each page kind, every public
// page (for the campaign mix), the SKUs of outfits (for live offers), and products kept unrendered
// for measuring a cache miss. Listing URLs are written in their canonical form, because any other
// form is answered with a redirect to it (lib/proxy/listing-rewrite.ts).
import { prisma } from '@/lib/db/client'
import { publicIdolWhere, publicOutfitWhere } from '@/lib/data/visibility'
import { canonicalProductQuery, DEFAULT_FILTER, PRODUCTS_PER_PAGE } from '@/lib/data/product-filter'
import type { ProductFilter } from '@/lib/data/types'

export type CampaignUrls = {
  idol: string
  outfit: string
  outfitSlugs: string[]
  product: string
  productSlug: string
  filteredListing: string
  /** Every public page of the demo: landing, listings, idols, outfits, products. */
  allPages: string[]
  /** /api/offers?sku=… for each outfit (its first 5 pieces), as an outfit page asks for them. */
  offers: string[]
  /** "Buy at the shop" on each outfit page, for each of its pieces: /go/<sku>?from=outfit/<slug>. */
  shopClicks: string[]
  /** Product pages nobody else requests, for first-request (cache miss) latency. */
  neverRendered: string[]
}

const OFFERS_PER_OUTFIT = 5

function listingUrl(filter: Partial<ProductFilter>): string {
  const query = canonicalProductQuery({ ...DEFAULT_FILTER, ...filter })
  return query ? `/products?${query}` : '/products'
}

/** `missCount` product pages are held back from every other scenario for the cache-miss one. */
export async function readCampaignUrls(missCount: number): Promise<CampaignUrls> {
  const db = prisma()
  const [idols, outfits, products] = await Promise.all([
    db.idol.findMany({ where: publicIdolWhere, select: { slug: true }, orderBy: { slug: 'asc' } }),
    db.outfit.findMany({
      where: publicOutfitWhere(),
      select: { slug: true, items: { select: { product: { select: { sku: true } } }, orderBy: { position: 'asc' } } },
      orderBy: { slug: 'asc' },
    }),
    db.product.findMany({
      where: { active: true },
      select: { slug: true, category: true, colors: true },
      orderBy: { slug: 'asc' },
    }),
  ])
  if (idols.length === 0 || outfits.length === 0 || products.length <= missCount)
    throw new Error('The bench database has no demo campaign.')

  const neverRendered = products.slice(-missCount).map((product) => `/products/${product.slug}`)
  const loaded = products.slice(0, products.length - missCount)
  const product = loaded[0]!
  const categories = [...new Set(products.map((p) => p.category))].sort()
  const productPages = Math.ceil(products.length / PRODUCTS_PER_PAGE)
  const listings = [
    '/idols',
    '/outfits',
    '/shots',
    '/socials',
    ...Array.from({ length: productPages }, (_, i) => listingUrl({ page: i + 1 })),
    ...categories.map((category) => listingUrl({ category: [category] })),
  ]
  return {
    idol: `/idols/${idols[0]!.slug}`,
    outfit: `/outfits/${outfits[0]!.slug}`,
    outfitSlugs: outfits.map((outfit) => outfit.slug),
    product: `/products/${product.slug}`,
    productSlug: product.slug,
    filteredListing: listingUrl({ category: [product.category], color: [product.colors[0]!] }),
    allPages: [
      '/',
      ...listings,
      ...idols.map((idol) => `/idols/${idol.slug}`),
      ...outfits.map((outfit) => `/outfits/${outfit.slug}`),
      ...loaded.map((p) => `/products/${p.slug}`),
    ],
    offers: outfits.map((outfit) => {
      const skus = outfit.items.slice(0, OFFERS_PER_OUTFIT).map((item) => `sku=${encodeURIComponent(item.product.sku)}`)
      return `/api/offers?${skus.join('&')}`
    }),
    shopClicks: outfits.flatMap((outfit) =>
      outfit.items.map((item) => `/go/${encodeURIComponent(item.product.sku)}?from=outfit/${outfit.slug}`),
    ),
    neverRendered,
  }
}
