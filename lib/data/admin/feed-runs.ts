import 'server-only'
// The feed sync runs as /admin/feed lists them: the latest first, with what each did and the
// records it rejected.
import { prisma } from '@/lib/db/client'
import type { FeedRunCounts, RejectedRecord } from '@/lib/data/feed-sync'
import type { ImageProblem } from '@/lib/data/feed-images'

export type FeedRunRow = FeedRunCounts & {
  id: string
  source: string
  startedBy: string
  forced: boolean
  status: 'RUNNING' | 'SUCCEEDED' | 'REFUSED' | 'FAILED' | 'INTERRUPTED'
  startedAt: string
  /** Seconds, once finished. */
  seconds: number | null
  message: string
  rejectedRows: RejectedRecord[]
  imagesStored: number
  imagesWaiting: number
  imageProblems: ImageProblem[]
}

export async function listFeedRuns(limit = 20): Promise<FeedRunRow[]> {
  const rows = await prisma().feedRun.findMany({ orderBy: { startedAt: 'desc' }, take: limit, omit: { changes: true } })
  return rows.map(({ startedAt, finishedAt, dryRun: _dryRun, rejectedRows, imageProblems, ...row }) => ({
    ...row,
    startedAt: startedAt.toISOString(),
    seconds: finishedAt ? (finishedAt.getTime() - startedAt.getTime()) / 1000 : null,
    rejectedRows: Array.isArray(rejectedRows) ? (rejectedRows as RejectedRecord[]) : [],
    imageProblems: Array.isArray(imageProblems) ? (imageProblems as ImageProblem[]) : [],
  }))
}
