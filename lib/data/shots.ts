import 'server-only'
import { prisma } from '@/lib/db/client'
import { cached } from '@/lib/cache/cached'
import { TAGS } from '@/lib/cache/tags'
import { pageOf, reshapeShot, reshapeSocial, shotSelect, socialSelect } from './reshape'
import type { Page, Shot, Social } from './types'

export const SHOTS_PER_PAGE = 24

export const listShots = cached(
  'shots',
  'editorial',
  () => [TAGS.shots],
  async (page: number): Promise<Page<Shot>> => {
    const where = { published: true }
    const [rows, total] = await Promise.all([
      prisma().shot.findMany({
        where,
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
        skip: (page - 1) * SHOTS_PER_PAGE,
        take: SHOTS_PER_PAGE,
        select: shotSelect,
      }),
      prisma().shot.count({ where }),
    ])
    return pageOf(
      rows.map((row) => reshapeShot(row)),
      total,
      page,
      SHOTS_PER_PAGE,
    )
  },
)

export const listSocials = cached(
  'socials',
  'editorial',
  () => [TAGS.socials],
  async (page: number): Promise<Page<Social>> => {
    const where = { approved: true }
    const [rows, total] = await Promise.all([
      prisma().social.findMany({
        where,
        orderBy: [{ postedAt: 'desc' }, { id: 'asc' }],
        skip: (page - 1) * SHOTS_PER_PAGE,
        take: SHOTS_PER_PAGE,
        select: socialSelect,
      }),
      prisma().social.count({ where }),
    ])
    return pageOf(rows.map(reshapeSocial), total, page, SHOTS_PER_PAGE)
  },
)
