import 'server-only'
// The admin's start page: how much there is, and what waits for an editor.
import { prisma } from '@/lib/db/client'

export type DashboardCounts = Record<
  | 'outfits'
  | 'drafts'
  | 'pendingComments'
  | 'idols'
  | 'hiddenIdols'
  | 'shots'
  | 'socials'
  | 'pendingSocials'
  | 'products',
  number
>

export async function getDashboardCounts(): Promise<DashboardCounts> {
  const db = prisma()
  const [outfits, drafts, pendingComments, idols, hiddenIdols, shots, socials, pendingSocials, products] =
    await Promise.all([
      db.outfit.count(),
      db.outfit.count({ where: { published: false } }),
      db.comment.count({ where: { status: 'PENDING' } }),
      db.idol.count(),
      db.idol.count({ where: { published: false } }),
      db.shot.count(),
      db.social.count(),
      db.social.count({ where: { approved: false } }),
      db.product.count(),
    ])
  return { outfits, drafts, pendingComments, idols, hiddenIdols, shots, socials, pendingSocials, products }
}
