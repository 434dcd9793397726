// GET /api/cron/feed-sync — the scheduled products task where no worker process runs (Vercel Cron,
// vercel.json): syncs FEED_URL and expires what the run changed. Vercel signs its cron calls with
// `Authorization: Bearer <CRON_SECRET>`; anything else is refused, and so is every call while
// CRON_SECRET is unset. On a server with our own entry (Heroku) the worker dyno is the usual way.
import type { NextRequest } from 'next/server'
import { followFeedRunWithoutWatcher } from '@/lib/cache/invalidate'
import { sameSecret } from '@/lib/crypto/signatures'
import { FeedSyncBusy, feedRunSummary, syncFeedFrom } from '@/lib/data/feed-sync'
import { settings } from '@/lib/env'
import { jsonError, NO_STORE, withOutageAnswer } from '@/lib/http/responses'
import { runJob } from '@/lib/log'

export const dynamic = 'force-dynamic'
/** A big feed takes tens of seconds to fetch and apply; Vercel's default would cut it off. */
export const maxDuration = 300

const STATUS = { SUCCEEDED: 200, REFUSED: 422, FAILED: 502 } as const

export const GET = withOutageAnswer(async (request: NextRequest) => {
  const { CRON_SECRET, FEED_URL } = settings()
  if (!CRON_SECRET || !sameSecret(request.headers.get('authorization') ?? '', `Bearer ${CRON_SECRET}`))
    return jsonError(401, 'This address runs the scheduled feed sync: it needs Authorization: Bearer <CRON_SECRET>.')
  if (!FEED_URL) return jsonError(503, 'FEED_URL is not set: there is no feed to sync.')
  let report
  try {
    report = await runJob('feed-sync', () => syncFeedFrom(FEED_URL, { startedBy: 'the cron route' }), {
      fields: feedRunSummary,
      unsuccessful: (run) => run.status !== 'SUCCEEDED',
    })
  } catch (error) {
    if (error instanceof FeedSyncBusy) return jsonError(409, error.message)
    throw error
  }
  if (report.status === 'SUCCEEDED') await followFeedRunWithoutWatcher(report.changes)
  return Response.json(feedRunSummary(report), { status: STATUS[report.status], headers: NO_STORE })
})
