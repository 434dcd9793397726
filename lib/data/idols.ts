import 'server-only'
import { forPossibleSlugs } from './possible-slug'
import { prisma } from '@/lib/db/client'
import { cached } from '@/lib/cache/cached'
import { TAGS } from '@/lib/cache/tags'
import { reshapeImage } from './media'
import {
  mediaSelect,
  outfitSummarySelect,
  reshapeOutfitSummary,
  reshapeShot,
  reshapeSocial,
  shotSelect,
  socialSelect,
} from './reshape'
import type { IdolDetail, IdolSummary } from './types'
import { publicIdolWhere, publicOutfitWhere } from './visibility'

export const getPublishedIdols = cached(
  'idols',
  'editorial',
  () => [TAGS.idols],
  async (): Promise<IdolSummary[]> => {
    const rows = await prisma().idol.findMany({
      where: publicIdolWhere,
      orderBy: [{ position: 'asc' }, { name: 'asc' }],
      select: {
        slug: true,
        name: true,
        portrait: mediaSelect,
        _count: { select: { outfits: { where: publicOutfitWhere() } } },
      },
    })
    return rows.map((row) => ({
      slug: row.slug,
      name: row.name,
      portrait: reshapeImage(row.portrait, `Portrait of ${row.name}`),
      outfitCount: row._count.outfits,
    }))
  },
)

/** The published idol with their public outfits, shots and approved social posts, or null. */
export const getIdolBySlug = forPossibleSlugs(
  cached(
    'idol',
    'editorial',
    // Everything it shows (its outfits, shots and posts) names this idol: their changes say so.
    (slug: string) => [TAGS.idol(slug)],
    async (slug: string): Promise<IdolDetail | null> => {
      const row = await prisma().idol.findFirst({
        where: { slug, ...publicIdolWhere },
        select: {
          slug: true,
          name: true,
          bio: true,
          instagram: true,
          tiktok: true,
          facebook: true,
          portrait: mediaSelect,
          outfits: {
            where: publicOutfitWhere(),
            orderBy: [{ publishedAt: 'desc' }, { slug: 'asc' }],
            select: outfitSummarySelect,
          },
          shots: { where: { published: true }, orderBy: { position: 'asc' }, take: 24, select: shotSelect },
          socials: { where: { approved: true }, orderBy: { postedAt: 'desc' }, take: 12, select: socialSelect },
        },
      })
      if (!row) return null
      return {
        slug: row.slug,
        name: row.name,
        bio: row.bio,
        portrait: reshapeImage(row.portrait, `Portrait of ${row.name}`),
        handles: { instagram: row.instagram, tiktok: row.tiktok, facebook: row.facebook },
        outfitCount: row.outfits.length,
        outfits: row.outfits.map(reshapeOutfitSummary),
        shots: row.shots.map((shot) => reshapeShot(shot)),
        socials: row.socials.map(reshapeSocial),
      }
    },
  ),
)
