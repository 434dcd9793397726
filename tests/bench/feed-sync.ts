// npm run bench:feed [-- --products=50000] — how long the products task takes on a big feed, and
// the memory it needs (the issue's target: 50,000 products in under 60 s and 200 MB). Writes a
// Merchant XML feed of that many products to a file (streamed), then runs the real command,
// `npm run feed:sync -- <file>`, three times into a database of its own: into an empty catalogue,
// unchanged, and with 5 % of the prices and 1 % of the titles changed. Each run's wall time and the
// command's peak resident memory (VmHWM, read from /proc while it runs) are printed, not asserted:
// a script, not a timed test. The feed's pictures are where nothing answers (refused at once): the
// image step tries its 200 products each run and leaves them for later.
//
// PostgreSQL with BENCH_DATABASE_URL (a database `lookbook_feed_bench` is dropped and made again on
// that server), otherwise the embedded PGlite under .test-data/feed-bench, owned by this process:
// the command is its client, so the database's memory is counted here, not in the command's.
import { spawn } from 'node:child_process'
import { createWriteStream, readFileSync } from 'node:fs'
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
import { merchantXmlItem, shopProduct, XML_HEAD, XML_TAIL, type ShopProduct } from '../support/feeds'
import { adminQuery, ROOT, withDatabase } from '../support/test-env'

const DATABASE = 'lookbook_feed_bench'
const { values } = parseArgs({ options: { products: { type: 'string', default: '50000' } } })
const count = Number(values.products)

/** The highest resident memory of a process so far (VmHWM), in MB; 0 once it has gone. */
function peakRssMb(pid: number | 'self'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024)
  } catch {
    return 0
  }
}

/** Runs `npm run feed:sync -- <file>` as npm does (node, not npm, so that its pid is the sync's). */
async function runFeedSync(file: string): Promise<{ seconds: number; peakMb: number; output: string; code: number }> {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', 'lib/cli/run-compiled.mjs', 'lib/cli/feed-sync.ts', file],
    { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  let peakMb = 0
  const watch = setInterval(() => (peakMb = Math.max(peakMb, peakRssMb(child.pid!))), 20)
  const [code] = (await once(child, 'exit')) as [number]
  clearInterval(watch)
  return { seconds: (performance.now() - started) / 1000, peakMb, output: output.trim(), code }
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
  // Connected (and on the embedded database, PGlite started and serving its socket).
  await databasePool().query('SELECT 1')
  console.log(`Feed sync bench: ${count} products, ${database}, Node ${process.version}`)

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
    const run = await runFeedSync(file)
    console.log(
      `  ${label}: ${run.seconds.toFixed(1)} s (${Math.round(count / run.seconds)} products/s), ` +
        `peak RSS of the command ${run.peakMb} MB${run.code === 0 ? '' : `, exit code ${run.code}`}`,
    )
    // The command's report, without its list of pictures it could not use (one per product here).
    const report = run.output
      .split('\n')
      .filter((line) => !line.includes('image not used') && !line.includes('more image'))
    console.log(report.map((line) => `    ${line}`).join('\n'))
  }
  const { rows } = await databasePool().query<{ count: number }>('SELECT count(*)::int AS count FROM "Product"')
  console.log(`  products stored: ${rows[0]!.count}; peak RSS of this process (the bench) ${peakRssMb('self')} MB`)
}

try {
  await main()
} finally {
  await closeDatabasePool()
  await releaseEmbeddedDatabase(process.env.DATA_DIR ?? '')
}
