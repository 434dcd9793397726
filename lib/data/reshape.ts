// Row → app type mappers shared by the data modules. Each row type is what Prisma returns for the
// select beside it, so a field added to a select is typed in its mapper without writing it twice.
import type { Prisma } from '@/lib/db/client'
import { reshapeImage } from './media'
import type { OutfitSummary, ProductSummary, Shot, Social } from './types'

export const mediaSelect = { select: { key: true, width: true, height: true, alt: true, sizedWidths: true } } as const

export const productSummarySelect = {
  slug: true,
  sku: true,
  name: true,
  brand: true,
  category: true,
  colors: true,
  images: { orderBy: { position: 'asc' }, take: 1, select: { media: mediaSelect } },
} as const satisfies Prisma.ProductSelect

type ProductSummaryRow = Prisma.ProductGetPayload<{ select: typeof productSummarySelect }>

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
} as const satisfies Prisma.OutfitSelect

type OutfitSummaryRow = Prisma.OutfitGetPayload<{ select: typeof outfitSummarySelect }>

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
} as const satisfies Prisma.ShotSelect

type ShotRow = Prisma.ShotGetPayload<{ select: typeof shotSelect }>

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
} as const satisfies Prisma.SocialSelect

type SocialRow = Prisma.SocialGetPayload<{ select: typeof socialSelect }>

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
