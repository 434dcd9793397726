// Running servers hear what a feed sync made in another process changed (the command line, the
// Heroku worker): every second each worker process reads the runs finished since it
// last looked (one indexed query), expires their pages as an editor's save would, and forgets the
// cached offers they changed, so live prices show the feed's at the page's next refresh. Every
// instance reads the database itself, so this needs no Redis. A database that cannot be reached
// just now is asked again at the next look; nothing is lost, the runs wait in their table.
import { feedChangeTags } from '@/lib/cache/tags'
import { feedRunsFinishedAfter, lastFeedRunFinishedAt } from '@/lib/data/feed-runs'
import { log } from '@/lib/log'

export const FEED_WATCH_INTERVAL_MS = 1_000

/**
 * Calls `expire(tags)` for each feed run that finishes from now on, and `forget(skus)` with the
 * SKUs whose offer it changed (this process's cached offers: without Redis each process has its
 * own); returns the stop function.
 */
export function watchFeedRuns(
  { expire, forget }: { expire: (tags: string[]) => void; forget: (skus: string[]) => Promise<void> },
  intervalMs = FEED_WATCH_INTERVAL_MS,
): () => void {
  /** The end of the last run seen; unknown until the database first answers. */
  let since: number | undefined
  let looking = false
  async function look() {
    // Runs that finished before this server started are in what it renders anyway.
    since ??= await lastFeedRunFinishedAt()
    for (const run of await feedRunsFinishedAfter(since)) {
      const tags = feedChangeTags(run.changes)
      if (tags.length > 0) expire(tags)
      if (run.changes.offerSkus.length > 0) await forget(run.changes.offerSkus)
      log().info(
        { job: 'feed-run-followed', runId: run.id, tags: tags.length, offers: run.changes.offerSkus.length },
        'job feed-run-followed',
      )
      since = run.finishedAt
    }
  }
  const lookOnce = () => {
    if (looking) return // a slow database: one look at a time
    looking = true
    look()
      .catch(() => undefined)
      .finally(() => (looking = false))
  }
  // The first look at once: it fixes where this server starts following, before it serves pages.
  // Waiting for the first interval would skip a run that finished meanwhile as one from before.
  lookOnce()
  const timer = setInterval(lookOnce, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
