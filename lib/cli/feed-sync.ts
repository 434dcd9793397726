// npm run feed:sync -- [<url or file>] [--dry-run] [--force]
// Brings the catalogue in step with the shop's product feed (FEED_URL unless an address or file is
// given): see lib/data/feed-sync.ts. --dry-run reads and compares, prints what would change, and
// changes nothing; --force applies a feed the guards refuse (empty, or dropping over a fifth of the
// active products). Exits 1 when the feed was refused or could not be fetched.
import { parseArgs } from 'node:util'
import { settings } from '@/lib/env'
import { syncFeed, FeedSyncBusy, type FeedSyncReport } from '@/lib/data/feed-sync'
import { forgetOffers } from '@/lib/data/offer-cache'
import { FeedFetchError, snapshotFeed } from '@/lib/feed/source'
import { runCli, UsageError } from './run'

const COMMAND_LINE = 'npm run feed:sync'

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
  let snapshot
  try {
    snapshot = await snapshotFeed(source)
  } catch (error) {
    if (error instanceof FeedFetchError) throw new UsageError(`${error.message} Nothing was changed.`)
    throw error
  }
  try {
    const report = await syncFeed(snapshot, {
      startedBy: COMMAND_LINE,
      dryRun: parsed.values['dry-run'],
      force: parsed.values.force,
    })
    if (!report.dryRun) await forgetOffers(report.changes.offerSkus)
    console.log(describe(report, snapshot.source))
    if (report.status !== 'SUCCEEDED') process.exitCode = 1
  } catch (error) {
    if (error instanceof FeedSyncBusy) throw new UsageError(error.message)
    throw error
  } finally {
    await snapshot.discard()
  }
})

function describe(report: FeedSyncReport, source: string): string {
  const lines = [
    `${report.dryRun ? 'Dry run (nothing changed) of' : 'Synced'} ${source}: ${report.listed} records listed.`,
    `  created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, deactivated ${report.deactivated}, rejected ${report.rejected}`,
  ]
  if (report.status !== 'SUCCEEDED') lines.unshift(`Refused: ${report.message}`)
  const { productSlugs, outfitSlugs, listings } = report.changes
  if (report.status === 'SUCCEEDED' && !report.dryRun && (productSlugs.length > 0 || listings))
    lines.push(
      `  running servers expire ${productSlugs.length} product pages, ${outfitSlugs.length} outfit pages${listings ? ' and the listings' : ''} within seconds; prices and stock are live`,
    )
  for (const row of report.rejectedRows.slice(0, 20))
    lines.push(`  rejected ${row.where}${row.sku ? ` (${row.sku})` : ''}: ${row.reason}`)
  if (report.rejected > 20) lines.push(`  … and ${report.rejected - 20} more (all of them in /admin/feed)`)
  return lines.join('\n')
}
