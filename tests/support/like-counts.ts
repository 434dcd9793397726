// An outfit's likes counted two ways: its rows, and the sum of the counter shards the database's
// trigger keeps beside them. After a crash, a full disk or a minute of load, the two must agree.
import { prisma } from '@/lib/db/client'

export async function outfitLikeCounts(outfitId: string): Promise<{ rows: number; counter: number }> {
  const where = { targetType: 'OUTFIT' as const, targetId: outfitId }
  const [rows, counted] = await Promise.all([
    prisma().like.count({ where }),
    prisma().likeCount.aggregate({ where, _sum: { count: true } }),
  ])
  return { rows, counter: counted._sum.count ?? 0 }
}
