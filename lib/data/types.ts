// The app's own types: what pages and APIs get from lib/data. Never Prisma rows.
// Offers (price, availability) are deliberately absent from every type here that may be cached.

export type Image = {
  /** The original: what a browser that takes neither AVIF nor WebP shows. */
  url: string
  width: number
  height: number
  alt: string
  /** The widths it is also stored at, in AVIF and WebP (named by sizedKeyOf); empty until made. */
  widths: number[]
}

export type IdolSummary = {
  slug: string
  name: string
  portrait: Image | null
  outfitCount: number
}

export type OutfitSummary = {
  slug: string
  title: string
  description: string
  cover: Image | null
  idol: { slug: string; name: string }
  itemCount: number
  publishedAt: string | null
}

export type Page<T> = {
  items: T[]
  page: number
  pageCount: number
  total: number
}

/** A product as cached pages show it: never its price or availability (see Offer). */
export type ProductSummary = {
  slug: string
  sku: string
  name: string
  brand: string
  category: string
  colors: string[]
  image: Image | null
}

export type ProductDetail = ProductSummary & {
  description: string
  sizes: string[]
  images: Image[]
  shopUrl: string
  outfits: OutfitSummary[]
}

/** The volatile part of a product, loaded live and never cached in pages. */
export type Offer = {
  sku: string
  priceCents: number
  /** Below priceCents while the product is on sale (the feed's sale_price); otherwise null. */
  salePriceCents: number | null
  currency: string
  /** priceCents and salePriceCents as the shop shows them ("€118.95"), so the browser need not format. */
  price: string
  salePrice: string | null
  availability: 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK' | 'PREORDER'
  updatedAt: string
}

export type OutfitItem = {
  position: number
  hotspot: { x: number; y: number } | null
  product: ProductSummary & { shopUrl: string }
}

export type OutfitDetail = OutfitSummary & {
  items: OutfitItem[]
  shots: Shot[]
}

export type Shot = {
  id: string
  image: Image
  caption: string
  credit: string
  idol: { slug: string; name: string } | null
  outfit: { slug: string; title: string } | null
}

export type Social = {
  id: string
  network: 'INSTAGRAM' | 'TIKTOK' | 'FACEBOOK' | 'X' | 'YOUTUBE'
  url: string
  author: string
  text: string
  image: Image | null
  postedAt: string
  idol: { slug: string; name: string } | null
}

export type IdolDetail = IdolSummary & {
  bio: string
  handles: { instagram: string | null; tiktok: string | null; facebook: string | null }
  outfits: OutfitSummary[]
  shots: Shot[]
  socials: Social[]
}

export type FacetName = 'category' | 'brand' | 'color' | 'size'
export type FacetValue = { value: string; count: number; selected: boolean }
export type Facets = Record<FacetName, FacetValue[]>

export type ProductSort = 'newest' | 'name' | 'price-asc' | 'price-desc'

export type ProductFilter = {
  category: string[]
  brand: string[]
  color: string[]
  size: string[]
  sort: ProductSort
  page: number
}
