import 'server-only'
import { prisma } from '@/lib/db/client'
import { reshapeImage } from './media'
import type { IdolSummary } from './types'
import { publicIdolWhere, publicOutfitWhere } from './visibility'

export async function getPublishedIdols(): Promise<IdolSummary[]> {
  const rows = await prisma().idol.findMany({
    where: publicIdolWhere,
    orderBy: [{ position: 'asc' }, { name: 'asc' }],
    select: {
      slug: true,
      name: true,
      portrait: { select: { key: true, width: true, height: true, alt: true } },
      _count: { select: { outfits: { where: publicOutfitWhere() } } },
    },
  })
  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    portrait: reshapeImage(row.portrait, `Portrait of ${row.name}`),
    outfitCount: row._count.outfits,
  }))
}
