// npm run feed:sync -- [<url or file>] [--dry-run] [--force]
// Brings the catalogue in step with the shop's product feed (FEED_URL unless an address or file is
// given): see lib/data/feed-sync.ts. --dry-run reads and compares, prints what would change, and
// changes nothing; --force applies a feed the guards refuse (empty, or dropping over a fifth of the
// active products). Exits 1 when the feed was refused or could not be fetched.
import { parseArgs } from 'node:util'
import { settings, withoutServerSettings } from '@/lib/env'
import { FeedSyncBusy, syncFeedFrom } from '@/lib/data/feed-sync'
import { shownSource } from '@/lib/feed/source'
import { describeFeedRun } from './feed-report'
import { runCli, UsageError } from './run'

const COMMAND_LINE = 'npm run feed:sync'

// Not the server: runs in production without HASH_SALT, SERVER_ACTIONS_SECRET or SITE_URL.
withoutServerSettings()

void runCli('feed:sync', async () => {
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false }, force: { type: 'boolean', default: false } },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const source = parsed.positionals[0] ?? settings().FEED_URL
  if (!source)
    throw new UsageError(
      'say which feed: npm run feed:sync -- https://shop.example.com/feed.xml (or a file), or set FEED_URL',
    )
  try {
    const report = await syncFeedFrom(source, {
      startedBy: COMMAND_LINE,
      dryRun: parsed.values['dry-run'],
      force: parsed.values.force,
    })
    console.log(describeFeedRun(report, shownSource(source)))
    if (report.status !== 'SUCCEEDED') process.exitCode = 1
  } catch (error) {
    if (error instanceof FeedSyncBusy) throw new UsageError(error.message)
    throw error
  }
})
