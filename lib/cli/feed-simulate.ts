// npm run feed:simulate — the products task, shown on the demo: every few seconds some prices and
// stock levels change in the demo's feed (DATA_DIR/demo-feed.xml, written afresh from the catalogue
// each time), and the feed is synced as the shop's would be. With `npm run demo` running beside it,
// an outfit page's prices follow within seconds, its HTML unchanged (prices load live).
import { parseArgs } from 'node:util'
import { catalogueAsFeed, demoFeedFile, writeDemoFeed } from '@/lib/data/demo-feed'
import { FeedSyncBusy, syncFeedFrom } from '@/lib/data/feed-sync'
import type { FeedProduct } from '@/lib/feed/feed-product'
import { pause, runCli, stopOnSignals, UsageError } from './run'

void runCli('feed:simulate', async () => {
  let values
  try {
    values = parseArgs({
      options: { every: { type: 'string', default: '5' }, changes: { type: 'string', default: '3' } },
    }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const seconds = Number(values.every)
  const perTurn = Number(values.changes)
  if (!(seconds >= 1 && seconds <= 3600)) throw new UsageError('--every is seconds between changes, 1 to 3600')
  if (!(Number.isInteger(perTurn) && perTurn >= 1 && perTurn <= 100))
    throw new UsageError('--changes is how many products change each time, 1 to 100')
  const file = demoFeedFile()
  const catalogue = await catalogueAsFeed()
  if (catalogue.length === 0)
    throw new UsageError('the catalogue is empty: run `npm run demo` (or `npm run db:seed`) first')

  const stop = stopOnSignals()
  console.log(`Changing ${perTurn} products every ${seconds} s in ${file} and syncing it (Ctrl-C stops).`)
  while (!stop.aborted) {
    const changed = Array.from({ length: perTurn }, () =>
      change(catalogue[Math.floor(Math.random() * catalogue.length)]!),
    )
    await writeDemoFeed(catalogue)
    try {
      const report = await syncFeedFrom(file, { startedBy: 'npm run feed:simulate' })
      console.log(
        `${new Date().toLocaleTimeString('en-GB')} ${changed.join('; ')} — ${report.status.toLowerCase()}, ${report.updated} updated`,
      )
    } catch (error) {
      if (!(error instanceof FeedSyncBusy)) throw error
      console.log(`${new Date().toLocaleTimeString('en-GB')} ${error.message}`)
    }
    await pause(seconds * 1000, stop)
  }
})

/** A new price (5–15 % up or down, sale dropped) or, one time in four, a new stock level. */
function change(product: FeedProduct): string {
  if (Math.random() < 0.25) {
    product.availability = product.availability === 'IN_STOCK' ? 'OUT_OF_STOCK' : 'IN_STOCK'
    return `${product.sku} ${product.availability === 'IN_STOCK' ? 'back in stock' : 'sold out'}`
  }
  const before = product.priceCents
  const factor = 1 + (Math.random() < 0.5 ? -1 : 1) * (0.05 + Math.random() * 0.1)
  product.priceCents = Math.max(100, Math.round((before * factor) / 100) * 100 - 1)
  product.salePriceCents = null
  return `${product.sku} ${(before / 100).toFixed(2)} → ${(product.priceCents / 100).toFixed(2)} ${product.currency}`
}
