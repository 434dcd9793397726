// npm run bench:feed [-- --products=50000] — how long the products task takes on a big feed, and
// the memory it needs (the target: 50,000 products in under 60 s and 200 MB). Writes a
// Merchant XML feed of that many products to a file (streamed), then syncs it three times into a
// database of its own: into an empty catalogue, unchanged, and with 5 % of the prices and 1 % of
// the titles changed. The figures are printed, not asserted: a script, not a timed test.
//
// PostgreSQL with BENCH_DATABASE_URL (a database `lookbook_feed_bench` is dropped and made again on
// that server), otherwise the embedded PGlite under .test-data/feed-bench — which runs inside this
// process, so its memory is counted with the sync's there.
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { once } from 'node:events'
import { parseArgs } from 'node:util'
import { closeDatabasePool, databasePool } from '@/lib/db/pool'
import { releaseEmbeddedDatabase } from '@/lib/db/embedded/owner'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { sqlRunnerForPg } from '@/lib/db/sql-runner'
import { resetSettingsForTests } from '@/lib/env'
import { syncFeed } from '@/lib/data/feed-sync'
import { snapshotFeed } from '@/lib/feed/source'
import { merchantXmlItem, shopProduct, XML_HEAD, XML_TAIL, type ShopProduct } from '../support/feeds'
import { adminQuery, ROOT, withDatabase } from '../support/test-env'

const DATABASE = 'lookbook_feed_bench'
const { values } = parseArgs({ options: { products: { type: 'string', default: '50000' } } })
const count = Number(values.products)

/** The highest resident memory of this process so far (VmHWM), in MB. */
async function peakRssMb(): Promise<number> {
  const { readFile } = await import('node:fs/promises')
  const status = await readFile('/proc/self/status', 'utf8')
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024)
}

async function writeFeed(file: string, variant: (n: number) => ShopProduct) {
  const out = createWriteStream(file)
  out.write(XML_HEAD)
  for (let n = 1; n <= count; n++) if (!out.write(merchantXmlItem(variant(n)))) await once(out, 'drain')
  out.end(XML_TAIL)
  await once(out, 'finish')
}

async function prepareDatabase(dataDir: string): Promise<string> {
  process.env.DATA_DIR = dataDir
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim()
  if (!adminUrl) {
    delete process.env.DATABASE_URL
    resetSettingsForTests()
    return 'embedded PGlite (in this process)'
  }
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)
  await adminQuery(adminUrl, `CREATE DATABASE ${DATABASE}`)
  process.env.DATABASE_URL = withDatabase(adminUrl, DATABASE)
  resetSettingsForTests()
  const client = await databasePool().connect()
  try {
    await applyMigrations(sqlRunnerForPg(client), await readMigrations())
  } finally {
    client.release()
  }
  return 'PostgreSQL'
}

async function main() {
  const dataDir = path.join(ROOT, '.test-data/feed-bench')
  await rm(dataDir, { recursive: true, force: true })
  await mkdir(dataDir, { recursive: true })
  const database = await prepareDatabase(dataDir)
  const file = path.join(dataDir, 'feed.xml')
  // Connected (and on the embedded database, PGlite started): the floor the sync adds to. Prisma is
  // never loaded: the sync talks to the pool, as the feed worker does.
  await databasePool().query('SELECT 1')
  console.log(
    `Feed sync bench: ${count} products, ${database}, Node ${process.version}; peak RSS before syncing ${await peakRssMb()} MB`,
  )

  const runs: [string, (n: number) => ShopProduct][] = [
    ['into an empty catalogue', (n) => shopProduct(n)],
    ['unchanged', (n) => shopProduct(n)],
    [
      '5 % of prices, 1 % of titles changed',
      (n) =>
        shopProduct(n, {
          ...(n % 20 === 0 ? { price: '7.00 EUR' } : {}),
          ...(n % 100 === 1 ? { title: `Renamed ${n}` } : {}),
        }),
    ],
  ]
  for (const [label, variant] of runs) {
    await writeFeed(file, variant)
    const started = performance.now()
    const snapshot = await snapshotFeed(file)
    const report = await syncFeed(snapshot, { startedBy: 'npm run bench:feed' })
    await snapshot.discard()
    const seconds = (performance.now() - started) / 1000
    console.log(
      `  ${label}: ${seconds.toFixed(1)} s (${Math.round(count / seconds)} products/s), ${report.status}: ` +
        `created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, ` +
        `rejected ${report.rejected}; pages to expire ${report.changes.productSlugs.length}, offers ${report.changes.offerSkus.length}; ` +
        `peak RSS so far ${await peakRssMb()} MB`,
    )
  }
  const { rows } = await databasePool().query<{ count: number }>('SELECT count(*)::int AS count FROM "Product"')
  console.log(`  products stored: ${rows[0]!.count}`)
}

try {
  await main()
} finally {
  await closeDatabasePool()
  await releaseEmbeddedDatabase(process.env.DATA_DIR ?? '')
}
