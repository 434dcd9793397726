// npm run bench — throughput and latency of the production build on this machine.
// Builds when needed, serves the demo data (embedded database by default; BENCH_DATABASE_URL for
// PostgreSQL), warms each URL, then loads it with autocannon on loopback for a bounded time.
import autocannon from 'autocannon'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { prisma, disconnectPrisma } from '@/lib/db/client'
import { closeDatabasePool } from '@/lib/db/pool'
import { releaseEmbeddedDatabase } from '@/lib/db/embedded/owner'
import { resetSettingsForTests } from '@/lib/env'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { ensureProductionBuild, startNext } from '../support/next-server'
import { ROOT } from '../support/test-env'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)

const dataDir = path.join(ROOT, '.test-data/bench')
await mkdir(dataDir, { recursive: true })
process.env.DATA_DIR = dataDir
if (process.env.BENCH_DATABASE_URL) process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL
else delete process.env.DATABASE_URL
resetSettingsForTests()

if ((await prisma().idol.count()) === 0) await seedDemoData(prisma(), mediaStorage())
const outfit = await prisma().outfit.findFirstOrThrow({ where: { published: true }, include: { items: { include: { product: true } } } })
const product = outfit.items[0]!.product
const skus = outfit.items.map((item) => `sku=${item.product.sku}`).join('&')

await ensureProductionBuild()
// BENCH_REDIS_URL: the shared KV and the shared cache invalidations (several dynos), as on Heroku.
const redisUrl = process.env.BENCH_REDIS_URL
const server = await startNext({ DATA_DIR: dataDir, ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}), ...(redisUrl ? { REDIS_URL: redisUrl } : {}) })

const targets = [
  ['landing (ISR)', '/'],
  ['outfit page (ISR)', `/outfits/${outfit.slug}`],
  ['product page (ISR, 10 s)', `/products/${product.slug}`],
  ['products, 2 facets (ISR)', `/products?category=${encodeURIComponent(product.category)}&color=${encodeURIComponent(product.colors[0]!)}`],
  ['offers API (live, KV ≤ 10 s)', `/api/offers?${skus}`],
  ['products API (CDN-cacheable)', '/api/products?sort=name'],
] as const

console.log(`\nLookbook bench: ${SECONDS} s per URL, ${CONNECTIONS} connections, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'}${redisUrl ? ', Redis (shared KV and invalidations)' : ''}\n`)
console.log('| what | req/s | p50 ms | p99 ms | non-2xx |')
console.log('|---|---:|---:|---:|---:|')
try {
  for (const [name, url] of targets) {
    for (let i = 0; i < 3; i++) await fetch(`${server.url}${url}`) // render once, then measure the cache
    const result = await autocannon({ url: `${server.url}${url}`, connections: CONNECTIONS, duration: SECONDS })
    console.log(`| ${name} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} |`)
  }
} finally {
  await server.stop()
  await disconnectPrisma()
  await closeDatabasePool()
  await releaseEmbeddedDatabase(dataDir)
}
