// Redis stops while the site serves (as an add-on restart or an outage on Heroku would do), then
// comes back. The test runs a Redis of its own (never the machine's shared one), keeps a steady mix
// of page views, live prices and likes going, and measures each phase: before, during, after.
// A Redis outage must cost a page view nothing noticeable: no error, no request waiting on the dead
// server beyond the circuit breaker's first moment, one warning in the log, recovery on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { useFreshDatabase } from '../support/database'
import { startNext, useBuildCopy, type RunningServer } from '../support/next-server'
import { canRunOwnRedis, createOwnRedis, type OwnRedis } from '../support/own-redis'

const DIST_DIR = '.next-test-redis-outage'

const database = useFreshDatabase()
let server: RunningServer
let redis: OwnRedis | undefined

type Phase = { requests: number; errors: string[]; p99: number; max: number }

/** Keeps `concurrency` shoppers busy for `ms`: pages, a live price, a like; answers and durations. */
async function steadyLoad(ms: number, concurrency: number, paths: { pages: string[]; offers: string; like: string }) {
  const durations: number[] = []
  const errors: string[] = []
  const until = Date.now() + ms
  const shopper = async (n: number) => {
    for (let i = 0; Date.now() < until; i++) {
      const step = (n + i) % 4
      const started = performance.now()
      const response =
        step === 3
          ? await fetch(`${server.url}/api/likes`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie: `lb_visitor=outage-${n}-${i}` },
              body: JSON.stringify({ type: 'outfit', slug: paths.like, liked: i % 2 === 0 }),
            })
          : await fetch(`${server.url}${step === 2 ? paths.offers : paths.pages[i % paths.pages.length]}`)
      await response.arrayBuffer()
      durations.push(performance.now() - started)
      if (response.status >= 500) errors.push(`${response.status} ${response.url}`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, n) => shopper(n)))
  durations.sort((a, b) => a - b)
  const phase: Phase = {
    requests: durations.length,
    errors,
    p99: Math.round(durations[Math.floor(durations.length * 0.99)] ?? 0),
    max: Math.round(durations.at(-1) ?? 0),
  }
  return phase
}

describe.runIf(canRunOwnRedis)('Redis stops while the site serves', () => {
  useBuildCopy(DIST_DIR)
  beforeAll(async () => {
    redis = await createOwnRedis()
    await seedDemoData(prisma(), mediaStorage())
    server = await startNext({ ...database.env(), REDIS_URL: redis.url, WEB_CONCURRENCY: '1' }, { distDir: DIST_DIR })
  }, 600_000)

  afterAll(async () => {
    // What the server said about Redis (all of it when asked): a failure here is explained by it.
    const said = server?.output.join('') ?? ''
    console.info(process.env.DEBUG_E2E ? said.slice(-10_000) : said.match(/^.*Redis \(REDIS_URL\).*$/gm)?.join('\n'))
    await server?.stop()
    await redis?.remove()
  })

  it(
    'keeps answering fast from the local fallback, warns once, and recovers on its own',
    { timeout: 120_000 },
    async () => {
      const outfits = await prisma().outfit.findMany({ where: { published: true }, take: 6, orderBy: { slug: 'asc' } })
      const product = await prisma().product.findFirstOrThrow({ where: { active: true } })
      const paths = {
        // Pages the front cache holds, and outfit pages it has not seen yet (rendered by Next, whose
        // cache reads check Redis for other instances' invalidations).
        pages: ['/', '/idols', ...outfits.map((outfit) => `/outfits/${outfit.slug}`)],
        offers: `/api/offers?sku=${product.sku}`,
        like: outfits[0]!.slug,
      }
      await steadyLoad(2_000, 4, paths) // warm-up: first renders, connections
      const before = await steadyLoad(3_000, 4, paths)
      // The outage is reported once. (A process so overloaded that Redis takes over 250 ms to answer
      // falls back too, and says so; only what is said from the stop on counts here.)
      const saidBefore = server.output.join('').length
      await redis!.stop()
      const during = await steadyLoad(4_000, 4, paths)
      const saidSinceStop = () => server.output.join('').slice(saidBefore)
      const warnings = () => saidSinceStop().match(/Redis \(REDIS_URL\) is not answering/g)?.length ?? 0
      const noticed = () => server.output.join('').match(/Redis \(REDIS_URL\) is not answering/g)?.length ?? 0
      expect(warnings()).toBeLessThanOrEqual(1) // never once per request
      expect(noticed()).toBeGreaterThanOrEqual(1) // noticed (if an overloaded moment had not already)

      await redis!.start()
      // The breaker tries Redis again after its pause (at most a few seconds into an outage this short).
      await expect
        .poll(
          async () => {
            await fetch(`${server.url}${paths.offers}`)
            return saidSinceStop().includes('Redis (REDIS_URL) answers again')
          },
          { interval: 250, timeout: 20_000 },
        )
        .toBe(true)
      const after = await steadyLoad(3_000, 4, paths)
      console.info(
        `Redis outage, p99 (max) of ${before.requests}/${during.requests}/${after.requests} requests: ` +
          `before ${before.p99} (${before.max}) ms, during ${during.p99} (${during.max}) ms, after ${after.p99} (${after.max}) ms`,
      )
      for (const phase of [before, during, after]) expect(phase.errors).toEqual([])
      // Without the breaker every live price took 1.5 s and every uncached page 2 s or more.
      // Measured against the same server on the same (maybe busy) machine with Redis up, the outage
      // adds at most the breaker's one 250 ms deadline, not a wait per request.
      expect(during.max).toBeLessThan(1_000)
      expect(during.p99).toBeLessThan(Math.max(before.p99, after.p99) + 250)
      expect(warnings()).toBeLessThanOrEqual(1)
    },
  )
})
