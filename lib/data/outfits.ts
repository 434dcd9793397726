import 'server-only'
import { prisma } from '@/lib/db/client'
import { reshapeImage } from './media'
import type { OutfitSummary } from './types'
import { publicOutfitWhere } from './visibility'

const outfitSummarySelect = {
  slug: true,
  title: true,
  description: true,
  publishedAt: true,
  cover: { select: { key: true, width: true, height: true, alt: true } },
  idol: { select: { slug: true, name: true } },
  _count: { select: { items: true } },
} as const

type OutfitSummaryRow = {
  slug: string
  title: string
  description: string
  publishedAt: Date | null
  cover: { key: string; width: number; height: number; alt: string } | null
  idol: { slug: string; name: string }
  _count: { items: number }
}

function reshapeOutfitSummary(row: OutfitSummaryRow): OutfitSummary {
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

/** Featured outfits first, newest first; filled up with the latest ones to `limit`. */
export async function getFeaturedOutfits(limit = 8): Promise<OutfitSummary[]> {
  const rows = await prisma().outfit.findMany({
    where: publicOutfitWhere(),
    orderBy: [{ featured: 'desc' }, { publishedAt: 'desc' }, { slug: 'asc' }],
    take: limit,
    select: outfitSummarySelect,
  })
  return rows.map(reshapeOutfitSummary)
}
