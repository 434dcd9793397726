// npm run feed:worker — syncs FEED_URL every FEED_INTERVAL_SECONDS (the Procfile's `worker`): the
// products task as a process of its own. One line per run; a feed that cannot be fetched or is
// refused is logged and tried again at the next turn, never the end of the worker. SIGTERM (a
// deploy, a restart) stops it between runs, or mid-run: a run cut off is completed by the next one.
import { settings } from '@/lib/env'
import { FeedSyncBusy, syncFeedFrom } from '@/lib/data/feed-sync'
import { shownSource } from '@/lib/feed/source'
import { describeFeedRun } from './feed-report'
import { pause, runCli, stopOnSignals, UsageError } from './run'

void runCli('feed:worker', async () => {
  const { FEED_URL, FEED_INTERVAL_SECONDS } = settings()
  if (!FEED_URL)
    throw new UsageError('set FEED_URL to the shop’s feed, e.g. https://shop.example.com/feeds/products.xml')
  const stop = stopOnSignals()
  console.log(`Feed worker: syncing ${shownSource(FEED_URL)} every ${FEED_INTERVAL_SECONDS} s.`)
  while (!stop.aborted) {
    const started = Date.now()
    try {
      const report = await syncFeedFrom(FEED_URL, { startedBy: 'npm run feed:worker' })
      console.log(`${new Date().toISOString()} ${describeFeedRun(report, shownSource(FEED_URL))}`)
    } catch (error) {
      // Busy (a sync started by hand), the database away: the next turn tries again.
      const reason = error instanceof FeedSyncBusy ? error.message : `the sync failed: ${(error as Error).message}`
      console.error(`${new Date().toISOString()} ${reason}`)
    }
    const wait = Math.max(0, started + FEED_INTERVAL_SECONDS * 1000 - Date.now())
    await pause(wait, stop)
  }
  console.log('Feed worker: stopped.')
})
