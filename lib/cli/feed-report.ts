// How the feed commands (feed:sync, feed:worker) print a run: counts, refusals and the first
// rejected records with their reasons.
import type { FeedSyncReport } from '@/lib/data/feed-sync'

/** A run's report as the command line and the worker print it. */
export function describeFeedRun(report: FeedSyncReport, source: string): string {
  const lines = [
    `${report.dryRun ? 'Dry run (nothing changed) of' : 'Synced'} ${source}: ${report.listed} records listed.`,
    `  created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, deactivated ${report.deactivated}, rejected ${report.rejected}`,
  ]
  if (report.status === 'FAILED') return `Failed: ${report.message}`
  if (report.status === 'REFUSED') lines.unshift(`Refused: ${report.message}`)
  const { productSlugs, outfitSlugs, listings } = report.changes
  if (report.status === 'SUCCEEDED' && !report.dryRun && (productSlugs.length > 0 || listings))
    lines.push(
      `  running servers expire ${productSlugs.length} product pages, ${outfitSlugs.length} outfit pages${listings ? ' and the listings' : ''} within seconds; prices and stock are live`,
    )
  if (report.imagesStored > 0 || report.imagesWaiting > 0 || report.imageProblems.length > 0)
    lines.push(
      `  images: ${report.imagesStored} products have the feed's pictures now` +
        (report.imageProblems.length > 0
          ? ` (${plural(report.imageProblems.length, 'picture')} could not be used)`
          : '') +
        (report.imagesWaiting > 0 ? `; ${report.imagesWaiting} products wait for the next run` : ''),
    )
  for (const problem of report.imageProblems.slice(0, 10))
    lines.push(`  image not used for ${problem.sku} (${problem.url}): ${problem.reason}`)
  if (report.imageProblems.length > 10) lines.push(`  … and ${report.imageProblems.length - 10} more image problems`)
  for (const row of report.rejectedRows.slice(0, 20))
    lines.push(`  rejected ${row.where}${row.sku ? ` (${row.sku})` : ''}: ${row.reason}`)
  if (report.rejected > 20) lines.push(`  … and ${report.rejected - 20} more`)
  return lines.join('\n')
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`
