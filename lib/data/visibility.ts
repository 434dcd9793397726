// What "public" means, in one place: shoppers see published records, and an outfit only once its
// publication time has come (a future publishedAt schedules it). The like write states the same
// rules in SQL (PUBLIC_TARGET_SQL in ./reactions.ts): change both together.
import type { Prisma } from '@/lib/db/client'

export function publicOutfitWhere(now: Date = new Date()): Prisma.OutfitWhereInput {
  return {
    published: true,
    OR: [{ publishedAt: null }, { publishedAt: { lte: now } }],
    idol: { published: true },
  }
}

export const publicIdolWhere: Prisma.IdolWhereInput = { published: true }
