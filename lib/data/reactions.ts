import 'server-only'
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import { settings } from '@/lib/env'
import { publicIdolWhere, publicOutfitWhere } from './visibility'

// Likes and comments attach to public content, named the way URLs name it: a type and a slug.
export const TARGET_TYPES = ['outfit', 'product', 'idol'] as const
export type TargetKind = (typeof TARGET_TYPES)[number]
export const targetSchema = z.object({
  type: z.enum(TARGET_TYPES, { message: `type must be one of ${TARGET_TYPES.join(', ')}` }),
  slug: z.string().trim().min(1, 'slug is required').max(200),
})
export type Target = z.infer<typeof targetSchema>

const TYPE_OF = { outfit: 'OUTFIT', product: 'PRODUCT', idol: 'IDOL' } as const

/** The database target of a public record, or null when there is no such public record. */
export async function resolveTarget(target: Target): Promise<{ targetType: (typeof TYPE_OF)[TargetKind]; targetId: string } | null> {
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
    prisma().like.count({ where: resolved }),
    visitorId ? prisma().like.count({ where: { ...resolved, visitorId } }) : Promise.resolve(0),
  ])
  return { count, liked: mine > 0 }
}

/**
 * Likes or unlikes; idempotent (liking twice is one like). The hot write of a spike, so it is
 * three short statements: find the public record, write (a duplicate like is ignored by the
 * unique index, not looked up first), count. The visitor's own state is what they just set.
 */
export async function setLike(target: Target, visitorId: string, liked: boolean): Promise<LikeState | null> {
  const resolved = await resolveTarget(target)
  if (!resolved) return null
  if (liked) {
    await prisma().like.createMany({ data: [{ ...resolved, visitorId }], skipDuplicates: true })
  } else {
    await prisma().like.deleteMany({ where: { ...resolved, visitorId } })
  }
  return { count: await prisma().like.count({ where: resolved }), liked }
}

export const commentInputSchema = targetSchema.extend({
  authorName: z.string().trim().min(1, 'Please give a name.').max(60, 'Names are at most 60 characters.'),
  body: z.string().trim().min(2, 'Please write a comment.').max(1000, 'Comments are at most 1000 characters.'),
})
export type CommentInput = z.infer<typeof commentInputSchema>

export type PublicComment = { id: string; authorName: string; body: string; createdAt: string }

export async function listPublishedComments(target: Target, limit = 50): Promise<PublicComment[] | null> {
  const resolved = await resolveTarget(target)
  if (!resolved) return null
  const rows = await prisma().comment.findMany({
    where: { ...resolved, status: 'PUBLISHED' },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, authorName: true, body: true, createdAt: true },
  })
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }))
}

export function hashIp(ip: string): string {
  const salt = settings().HASH_SALT ?? 'development-only-salt'
  return createHash('sha256').update(`${salt}:${ip}`).digest('hex').slice(0, 32)
}

export async function addComment(input: CommentInput, visitorId: string, ip: string): Promise<{ comment: PublicComment; status: 'published' | 'pending' } | null> {
  const resolved = await resolveTarget(input)
  if (!resolved) return null
  const held = settings().COMMENTS_HELD_FOR_REVIEW
  const row = await prisma().comment.create({
    data: { ...resolved, authorName: input.authorName, body: input.body, status: held ? 'PENDING' : 'PUBLISHED', visitorId, ipHash: hashIp(ip) },
    select: { id: true, authorName: true, body: true, createdAt: true },
  })
  return { comment: { ...row, createdAt: row.createdAt.toISOString() }, status: held ? 'pending' : 'published' }
}
