// The app's own types: what pages and APIs get from lib/data. Never Prisma rows.
// Offers (price, availability) are deliberately absent from every type here that may be cached.

export type Image = {
  url: string
  width: number
  height: number
  alt: string
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
