import 'server-only'
import { forPossibleSlugs } from './possible-slug'
import { prisma } from '@/lib/db/client'
import { cached } from '@/lib/cache/cached'
import { TAGS } from '@/lib/cache/tags'
import {
  outfitSummarySelect,
  pageOf,
  productSummarySelect,
  reshapeOutfitSummary,
  reshapeProductSummary,
  reshapeShot,
  shotSelect,
} from './reshape'
import type { OutfitDetail, OutfitSummary, Page } from './types'
import { publicOutfitWhere } from './visibility'

export const OUTFITS_PER_PAGE = 24
const newestFirst = [{ publishedAt: 'desc' as const }, { slug: 'asc' as const }]

/** Featured outfits first, newest first; filled up with the latest ones to `limit`. */
export const getFeaturedOutfits = cached(
  'featured-outfits',
  'editorial',
  () => [TAGS.outfits],
  async (limit: number): Promise<OutfitSummary[]> => {
    const rows = await prisma().outfit.findMany({
      where: publicOutfitWhere(),
      orderBy: [{ featured: 'desc' }, ...newestFirst],
      take: limit,
      select: outfitSummarySelect,
    })
    return rows.map(reshapeOutfitSummary)
  },
)

export const listOutfits = cached(
  'outfits',
  'editorial',
  () => [TAGS.outfits],
  async (page: number): Promise<Page<OutfitSummary>> => {
    const where = publicOutfitWhere()
    const [rows, total] = await Promise.all([
      prisma().outfit.findMany({
        where,
        orderBy: newestFirst,
        skip: (page - 1) * OUTFITS_PER_PAGE,
        take: OUTFITS_PER_PAGE,
        select: outfitSummarySelect,
      }),
      prisma().outfit.count({ where }),
    ])
    return pageOf(rows.map(reshapeOutfitSummary), total, page, OUTFITS_PER_PAGE)
  },
)

/** The public outfit with its items in order, or null when unknown, unpublished or scheduled. */
export const getOutfitBySlug = forPossibleSlugs(
  cached(
    'outfit',
    'editorial',
    (slug: string) => [TAGS.outfit(slug), TAGS.outfitPages],
    (slug: string) => readOutfit(slug, false),
  ),
)

/** For editors' draft preview only (never cached): the outfit whatever its publication state. */
export const getOutfitDraftBySlug = forPossibleSlugs((slug: string) => readOutfit(slug, true))

async function readOutfit(slug: string, includeDrafts: boolean): Promise<OutfitDetail | null> {
  const row = await prisma().outfit.findFirst({
    where: includeDrafts ? { slug } : { slug, ...publicOutfitWhere() },
    select: {
      ...outfitSummarySelect,
      items: {
        orderBy: { position: 'asc' },
        select: {
          position: true,
          hotspotX: true,
          hotspotY: true,
          product: { select: { ...productSummarySelect, shopUrl: true } },
        },
      },
      shots: { where: { published: true }, orderBy: { position: 'asc' }, select: shotSelect },
    },
  })
  if (!row) return null
  return {
    ...reshapeOutfitSummary(row),
    items: row.items.map((item) => ({
      position: item.position,
      hotspot: item.hotspotX !== null && item.hotspotY !== null ? { x: item.hotspotX, y: item.hotspotY } : null,
      product: { ...reshapeProductSummary(item.product), shopUrl: item.product.shopUrl },
    })),
    shots: row.shots.map((shot) => reshapeShot(shot)),
  }
}

export async function getAllPublicOutfitSlugs(): Promise<{ slug: string; updatedAt: Date }[]> {
  return prisma().outfit.findMany({
    where: publicOutfitWhere(),
    select: { slug: true, updatedAt: true },
    orderBy: { slug: 'asc' },
  })
}
