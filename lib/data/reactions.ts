import 'server-only'
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import { databasePool } from '@/lib/db/pool'
import { settings } from '@/lib/env'
import { hashIp } from '@/lib/crypto/hash'
import { isPossibleSlug } from '@/lib/slug'
import { formatDay } from '@/lib/format'
import { publicIdolWhere, publicOutfitWhere } from './visibility'

// Likes and comments attach to public content, named the way URLs name it: a type and a slug.
export const TARGET_TYPES = ['outfit', 'product', 'idol'] as const
export type TargetKind = (typeof TARGET_TYPES)[number]
export const targetSchema = z.object({
  type: z.enum(TARGET_TYPES, { message: `type must be one of ${TARGET_TYPES.join(', ')}` }),
  slug: z
    .string()
    .trim()
    .min(1, 'slug is required')
    .refine(isPossibleSlug, 'slug is the last part of a page address: lowercase letters, digits and hyphens'),
})
export type Target = z.infer<typeof targetSchema>

const TYPE_OF = { outfit: 'OUTFIT', product: 'PRODUCT', idol: 'IDOL' } as const

/** The database target of a public record, or null when there is no such public record. */
export async function resolveTarget(
  target: Target,
): Promise<{ targetType: (typeof TYPE_OF)[TargetKind]; targetId: string } | null> {
  const db = prisma()
  const found =
    target.type === 'outfit'
      ? await db.outfit.findFirst({ where: { slug: target.slug, ...publicOutfitWhere() }, select: { id: true } })
      : target.type === 'product'
        ? await db.product.findFirst({ where: { slug: target.slug, active: true }, select: { id: true } })
        : await db.idol.findFirst({ where: { slug: target.slug, ...publicIdolWhere }, select: { id: true } })
  return found ? { targetType: TYPE_OF[target.type], targetId: found.id } : null
}

export type LikeState = { count: number; liked: boolean }

export async function getLikeState(target: Target, visitorId: string | null): Promise<LikeState | null> {
  const resolved = await resolveTarget(target)
  if (!resolved) return null
  const [count, mine] = await Promise.all([
    likeCountOf(resolved),
    visitorId
      ? prisma().like.findUnique({
          where: { targetType_targetId_visitorId: { ...resolved, visitorId } },
          select: { id: true },
        })
      : Promise.resolve(null),
  ])
  return { count, liked: mine !== null }
}

type ResolvedTarget = NonNullable<Awaited<ReturnType<typeof resolveTarget>>>

/** A record's likes: the sum of its LikeCount rows, which a trigger moves with every like. */
async function likeCountOf(resolved: ResolvedTarget): Promise<number> {
  const counted = await prisma().likeCount.aggregate({ where: resolved, _sum: { count: true } })
  return counted._sum.count ?? 0
}

/** A record's published comments, newest first. */
async function publishedCommentsOf(resolved: ResolvedTarget, limit: number): Promise<PublicComment[]> {
  const rows = await prisma().comment.findMany({
    where: { ...resolved, status: 'PUBLISHED' },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, authorName: true, body: true, createdAt: true },
  })
  return rows.map(publicComment)
}

/**
 * What everyone sees of a record's reactions: its like count and its published comments, newest
 * first. One answer for all visitors, so it can be shared by the front cache and a CDN
 * (app/api/reactions); a visitor's own likes and pending comments are kept in their browser.
 */
export type PublicReactions = { likes: number; comments: PublicComment[] }

export async function getPublicReactions(target: Target, commentLimit = 50): Promise<PublicReactions | null> {
  const resolved = await resolveTarget(target)
  if (!resolved) return null
  const [likes, comments] = await Promise.all([likeCountOf(resolved), publishedCommentsOf(resolved, commentLimit)])
  return { likes, comments }
}

/** The public targets (type and slug) of comments, to expire their reactions after moderation. */
export async function targetsOfComments(ids: string[]): Promise<Target[]> {
  const rows = await prisma().comment.findMany({
    where: { id: { in: ids } },
    select: { targetType: true, targetId: true },
  })
  const idsOf = (type: (typeof TYPE_OF)[TargetKind]) =>
    rows.filter((row) => row.targetType === type).map((row) => row.targetId)
  const [outfits, products, idols] = await Promise.all([
    prisma().outfit.findMany({ where: { id: { in: idsOf('OUTFIT') } }, select: { slug: true } }),
    prisma().product.findMany({ where: { id: { in: idsOf('PRODUCT') } }, select: { slug: true } }),
    prisma().idol.findMany({ where: { id: { in: idsOf('IDOL') } }, select: { slug: true } }),
  ])
  return [
    ...outfits.map(({ slug }) => ({ type: 'outfit' as const, slug })),
    ...products.map(({ slug }) => ({ type: 'product' as const, slug })),
    ...idols.map(({ slug }) => ({ type: 'idol' as const, slug })),
  ]
}

// The public record a like may attach to, in SQL: the same rules as resolveTarget's (visibility.ts).
const PUBLIC_TARGET_SQL: Record<TargetKind, string> = {
  outfit: `SELECT o.id FROM "Outfit" o JOIN "Idol" i ON i.id = o."idolId"
           WHERE o.slug = $1 AND o.published AND (o."publishedAt" IS NULL OR o."publishedAt" <= now()) AND i.published`,
  product: `SELECT id FROM "Product" WHERE slug = $1 AND active`,
  idol: `SELECT id FROM "Idol" WHERE slug = $1 AND published`,
}

/**
 * Likes or unlikes; idempotent (liking twice is one like). The hot write of a spike, so it is one
 * statement, one round trip: find the public record, write (a repeated like is ignored by the
 * unique index, not looked up first), and read the record's count (its LikeCount rows, which a
 * trigger moves with every like: no rows are counted). The count is read in the statement's
 * snapshot, which does not yet see its own write: the write's own row count is added (or taken away).
 */
export async function setLike(target: Target, visitorId: string, liked: boolean): Promise<LikeState | null> {
  const change = liked
    ? `INSERT INTO "Like" (id, "targetType", "targetId", "visitorId")
       SELECT $4, $3::"TargetType", id, $2 FROM target
       ON CONFLICT ("targetType", "targetId", "visitorId") DO NOTHING RETURNING 1`
    : `DELETE FROM "Like" l USING target t
       WHERE l."targetType" = $3::"TargetType" AND l."targetId" = t.id AND l."visitorId" = $2 RETURNING 1`
  const { rows } = await databasePool().query<{ count: number }>(
    `WITH target AS (${PUBLIC_TARGET_SQL[target.type]}), changed AS (${change})
     SELECT ((SELECT coalesce(sum(c.count), 0) FROM "LikeCount" c WHERE c."targetType" = $3::"TargetType" AND c."targetId" = t.id)
             ${liked ? '+' : '-'} (SELECT count(*) FROM changed))::int AS count
     FROM target t`,
    // A new like's id only where there is one to insert: an unused parameter has no type.
    [target.slug, visitorId, TYPE_OF[target.type], ...(liked ? [randomUUID()] : [])],
  )
  return rows[0] ? { count: rows[0].count, liked } : null
}

export const commentInputSchema = targetSchema.extend({
  authorName: z.string().trim().min(1, 'Please give a name.').max(60, 'Names are at most 60 characters.'),
  body: z.string().trim().min(2, 'Please write a comment.').max(1000, 'Comments are at most 1000 characters.'),
})
export type CommentInput = z.infer<typeof commentInputSchema>

/** A comment as anyone may read it; postedOn is its day as the page shows it ("15 Oct 2026"). */
export type PublicComment = { id: string; authorName: string; body: string; createdAt: string; postedOn: string }

function publicComment(row: { id: string; authorName: string; body: string; createdAt: Date }): PublicComment {
  return { ...row, createdAt: row.createdAt.toISOString(), postedOn: formatDay(row.createdAt) }
}

export async function listPublishedComments(target: Target, limit = 50): Promise<PublicComment[] | null> {
  const resolved = await resolveTarget(target)
  return resolved ? publishedCommentsOf(resolved, limit) : null
}

/**
 * Adds a comment to a public record; null when there is none. Like a like, one statement and one
 * round trip: the public record is found and the row written together.
 */
export async function addComment(
  input: CommentInput,
  visitorId: string,
  ip: string,
): Promise<{ comment: PublicComment; status: 'published' | 'pending' } | null> {
  const held = settings().COMMENTS_HELD_FOR_REVIEW
  const { rows } = await databasePool().query<{ id: string; authorName: string; body: string; createdAt: Date }>(
    `WITH target AS (${PUBLIC_TARGET_SQL[input.type]})
     INSERT INTO "Comment" (id, "targetType", "targetId", "authorName", body, status, "visitorId", "ipHash", "updatedAt")
     SELECT $2, $3::"TargetType", id, $4, $5, $6::"CommentStatus", $7, $8, now() FROM target
     RETURNING id, "authorName", body, "createdAt"`,
    [
      input.slug,
      randomUUID(),
      TYPE_OF[input.type],
      input.authorName,
      input.body,
      held ? 'PENDING' : 'PUBLISHED',
      visitorId,
      hashIp(ip),
    ],
  )
  const row = rows[0]
  if (!row) return null
  return { comment: publicComment(row), status: held ? 'pending' : 'published' }
}
