// npm run feed:worker — syncs FEED_URL every FEED_INTERVAL_SECONDS (the Procfile's `worker`): the
// products task as a process of its own. One structured log line per run (JSON; readable on a terminal); a feed that cannot be fetched or is
// refused is logged and tried again at the next turn, never the end of the worker. SIGTERM (a
// deploy, a restart) stops it between runs, or mid-run: a run cut off is completed by the next one.
import { settings, withoutServerSettings } from '@/lib/env'
import { FeedSyncBusy, feedRunSummary, syncFeedFrom } from '@/lib/data/feed-sync'
import { shownSource } from '@/lib/feed/source'
import { log, runJob } from '@/lib/log'
import { pause, runCli, stopOnSignals, UsageError } from './run'

// Not the server: runs in production without HASH_SALT, SERVER_ACTIONS_SECRET or SITE_URL.
withoutServerSettings()

void runCli('feed:worker', async () => {
  const { FEED_URL, FEED_INTERVAL_SECONDS } = settings()
  if (!FEED_URL)
    throw new UsageError('set FEED_URL to the shop’s feed, e.g. https://shop.example.com/feeds/products.xml')
  const stop = stopOnSignals()
  const source = shownSource(FEED_URL)
  log().info({ source, everySeconds: FEED_INTERVAL_SECONDS }, 'feed worker started')
  while (!stop.aborted) {
    const started = Date.now()
    // One log line per run (lib/log.ts runJob); the run's details stay in the admin's feed page.
    await runJob(
      'feed-sync',
      () =>
        syncFeedFrom(FEED_URL, { startedBy: 'npm run feed:worker' }).catch((error: unknown) => {
          // Busy (a sync started by hand): not a failure, the next turn tries again.
          if (error instanceof FeedSyncBusy) return { status: 'BUSY' as const, message: error.message }
          throw error
        }),
      {
        fields: (report) => ({ source, ...('runId' in report ? feedRunSummary(report) : report) }),
        unsuccessful: (report) => report.status === 'FAILED' || report.status === 'REFUSED',
      },
    ).catch(() => undefined) // logged; the database away or the feed refused: the next turn tries again
    const wait = Math.max(0, started + FEED_INTERVAL_SECONDS * 1000 - Date.now())
    await pause(wait, stop)
  }
  log().info('feed worker stopped')
  log().flush()
})
