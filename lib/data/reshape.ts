// Row → app type mappers shared by the data modules.
import { reshapeImage } from './media'
import type { OutfitSummary, ProductSummary, Shot, Social } from './types'

type MediaRow = { key: string; width: number; height: number; alt: string }

export const mediaSelect = { select: { key: true, width: true, height: true, alt: true } } as const

export const productSummarySelect = {
  slug: true,
  sku: true,
  name: true,
  brand: true,
  category: true,
  colors: true,
  images: { orderBy: { position: 'asc' }, take: 1, select: { media: mediaSelect } },
} as const

type ProductSummaryRow = {
  slug: string
  sku: string
  name: string
  brand: string
  category: string
  colors: string[]
  images: { media: MediaRow }[]
}

export function reshapeProductSummary(row: ProductSummaryRow): ProductSummary {
  return {
    slug: row.slug,
    sku: row.sku,
    name: row.name,
    brand: row.brand,
    category: row.category,
    colors: row.colors,
    image: reshapeImage(row.images[0]?.media, `${row.name} by ${row.brand}`),
  }
}

export const outfitSummarySelect = {
  slug: true,
  title: true,
  description: true,
  publishedAt: true,
  cover: mediaSelect,
  idol: { select: { slug: true, name: true } },
  _count: { select: { items: true } },
} as const

type OutfitSummaryRow = {
  slug: string
  title: string
  description: string
  publishedAt: Date | null
  cover: MediaRow | null
  idol: { slug: string; name: string }
  _count: { items: number }
}

export function reshapeOutfitSummary(row: OutfitSummaryRow): OutfitSummary {
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    cover: reshapeImage(row.cover, `${row.idol.name} wearing ${row.title}`),
    idol: row.idol,
    itemCount: row._count.items,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  }
}

export const shotSelect = {
  id: true,
  caption: true,
  credit: true,
  media: mediaSelect,
  idol: { select: { slug: true, name: true, published: true } },
  outfit: { select: { slug: true, title: true, published: true, publishedAt: true } },
} as const

type ShotRow = {
  id: string
  caption: string
  credit: string
  media: MediaRow
  idol: { slug: string; name: string; published: boolean } | null
  outfit: { slug: string; title: string; published: boolean; publishedAt: Date | null } | null
}

export function reshapeShot(row: ShotRow, now = new Date()): Shot {
  const outfitPublic = row.outfit && row.outfit.published && (!row.outfit.publishedAt || row.outfit.publishedAt <= now)
  return {
    id: row.id,
    image: reshapeImage(row.media, row.caption)!,
    caption: row.caption,
    credit: row.credit,
    idol: row.idol?.published ? { slug: row.idol.slug, name: row.idol.name } : null,
    outfit: outfitPublic ? { slug: row.outfit!.slug, title: row.outfit!.title } : null,
  }
}

export const socialSelect = {
  id: true,
  network: true,
  url: true,
  author: true,
  text: true,
  postedAt: true,
  media: mediaSelect,
  idol: { select: { slug: true, name: true, published: true } },
} as const

type SocialRow = {
  id: string
  network: Social['network']
  url: string
  author: string
  text: string
  postedAt: Date
  media: MediaRow | null
  idol: { slug: string; name: string; published: boolean } | null
}

export function reshapeSocial(row: SocialRow): Social {
  return {
    id: row.id,
    network: row.network,
    url: row.url,
    author: row.author,
    text: row.text,
    image: reshapeImage(row.media, `Post by ${row.author}`),
    postedAt: row.postedAt.toISOString(),
    idol: row.idol?.published ? { slug: row.idol.slug, name: row.idol.name } : null,
  }
}

export function pageOf<T>(items: T[], total: number, page: number, perPage: number) {
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / perPage)) }
}
