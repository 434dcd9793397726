// PostgreSQL stops while the site serves (a failover, a maintenance restart, a crash), then comes
// back. The test runs a PostgreSQL of its own (never the machine's shared one) behind the
// production server entry. Pages already rendered keep answering 200 from the caches; what needs
// the database says so at once (503 JSON with Retry-After), never hangs and never loses or
// half-stores a write; when the database returns, everything works again without a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { REVALIDATE_SECONDS } from '@/lib/cache/policy'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { startNext, useBuildCopy, type RunningServer } from '../support/next-server'
import { browserAvailable, launchBrowser, SCREENSHOTS } from '../support/browser'
import { canRunOwnPostgres, useOwnPostgres } from '../support/own-postgres'
import { testDatabaseUrl } from '../support/test-env'

const DIST_DIR = '.next-test-postgres-outage'
// A PostgreSQL fault belongs to the PostgreSQL pass of the suite (the embedded pass has its own).
const runnable = canRunOwnPostgres && Boolean(testDatabaseUrl())

describe.runIf(runnable)('PostgreSQL stops while the site serves', () => {
  const database = useOwnPostgres()
  let server: RunningServer
  let pages: string[]
  let outfitSlug: string
  let sku: string // asked for live only during the test: never in the offer cache before
  let unrenderedIdol: string

  useBuildCopy(DIST_DIR)

  beforeAll(async () => {
    await seedDemoData(prisma(), mediaStorage())
    server = await startNext(database.env(), { distDir: DIST_DIR })
    const outfits = await prisma().outfit.findMany({ where: { published: true }, take: 3, orderBy: { slug: 'asc' } })
    const products = await prisma().product.findMany({ where: { active: true }, take: 4, orderBy: { slug: 'asc' } })
    const [idol, other] = await prisma().idol.findMany({
      where: { published: true },
      take: 2,
      orderBy: { slug: 'asc' },
    })
    unrenderedIdol = other!.slug
    outfitSlug = outfits[0]!.slug
    sku = products.at(-1)!.sku
    pages = [
      '/',
      '/idols',
      `/idols/${idol!.slug}`,
      ...outfits.map((outfit) => `/outfits/${outfit.slug}`),
      ...products.slice(0, 2).map((product) => `/products/${product.slug}`),
    ]
    for (const page of pages) expect((await fetch(`${server.url}${page}`)).status, page).toBe(200)
  }, 600_000)

  afterAll(async () => {
    if (process.env.DEBUG_E2E) {
      console.info(server?.output.join('').slice(-20_000))
      console.info(await database.postgres().log())
    }
    await server?.stop()
  })

  /** One request, with how long it took; a request may never hang on the dead database. */
  async function timed(url: string, init?: RequestInit) {
    const started = performance.now()
    const response = await fetch(`${server.url}${url}`, { ...init, signal: AbortSignal.timeout(10_000) })
    const text = await response.text()
    return { response, text, ms: performance.now() - started }
  }

  // Visitor ids are UUIDs (the cookie's format); each phase has its own visitor.
  const visitors = { before: randomUUID(), during: randomUUID(), after: randomUUID() }
  const like = (liked: boolean, visitor: string) =>
    timed('/api/likes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `lb_visitor=${visitor}` },
      body: JSON.stringify({ type: 'outfit', slug: outfitSlug, liked }),
    })
  const comment = (body: string) =>
    timed('/api/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'outfit', slug: outfitSlug, authorName: 'Outage tester', body }),
    })

  it(
    'serves cached pages, refuses writes clearly with 503, and recovers without a restart',
    { timeout: 90_000 },
    async () => {
      const accepted = await like(true, visitors.before)
      expect(accepted.response.status).toBe(200)

      await database.postgres().stop('fast')

      // Rendered pages: still 200 with their content, from the front cache and Next's ISR cache —
      // also once they are past their revalidation time, when refreshing them fails.
      const servesRenderedPages = async () => {
        for (const page of pages) {
          const { response, text, ms } = await timed(page)
          expect(response.status, page).toBe(200)
          expect(text, page).toContain('</html>')
          expect(ms, page).toBeLessThan(2_000)
        }
      }
      await servesRenderedPages()
      // A page not rendered before the outage: Next's error page, as a 503 to try again later.
      for (const page of [`/idols/${unrenderedIdol}`, '/search?q=dress']) {
        const { response, text, ms } = await timed(page)
        expect(response.status, page).toBe(503)
        expect(response.headers.get('retry-after'), page).toMatch(/^\d+$/)
        expect(response.headers.get('cache-control'), page).toBe('no-store')
        expect(text, page).toContain('</html>')
        expect(ms, page).toBeLessThan(2_000)
      }

      // In a shopper's browser: the page shows, the price says it is unavailable, and a comment is
      // refused with the reason, the text still in the box to send again.
      if (browserAvailable()) {
        const browser = await launchBrowser()
        try {
          const page = await browser.newPage({ viewport: { width: 390, height: 844 } })
          await page.goto(`${server.url}/outfits/${outfitSlug}`, { waitUntil: 'load' })
          await page.getByText('Price unavailable right now').first().waitFor({ timeout: 15_000 })
          await page.getByRole('textbox', { name: 'Name' }).fill('Outage tester')
          await page.getByRole('textbox', { name: 'Comment' }).fill('Typed while the database was away.')
          await page.getByRole('button', { name: 'Post comment' }).click()
          await page
            .getByRole('status')
            .getByText(/database is not answering/)
            .waitFor({ timeout: 10_000 })
          expect(await page.getByRole('textbox', { name: 'Comment' }).inputValue()).toBe(
            'Typed while the database was away.',
          )
          await page.getByText('Comments cannot be shown right now').waitFor({ timeout: 10_000 })
          await page.getByRole('status').scrollIntoViewIfNeeded()
          await page.screenshot({ path: path.join(SCREENSHOTS, 'postgres-outage-outfit.png') })
          // A page never rendered: the error page says to try again (and is a 503 underneath).
          await page.goto(`${server.url}/idols/${unrenderedIdol}`, { waitUntil: 'load' })
          await page.getByText('Please try again in a moment').waitFor({ timeout: 10_000 })
          await page.screenshot({ path: path.join(SCREENSHOTS, 'postgres-outage-unrendered.png') })
        } finally {
          await browser.close()
        }
      }

      // What needs the database: a clear 503 with Retry-After, quickly, and nothing stored.
      const refusals = {
        like: await like(true, visitors.during),
        comment: await comment('Written while the database was away.'),
        offers: await timed(`/api/offers?sku=${encodeURIComponent(sku)}`),
        ready: await timed('/api/ready'),
        likeCount: await timed(`/api/likes?type=outfit&slug=${outfitSlug}`),
      }
      for (const [name, { response, text, ms }] of Object.entries(refusals)) {
        expect(response.status, `${name}: ${text}`).toBe(503)
        expect(response.headers.get('content-type'), name).toContain('application/json')
        expect(ms, name).toBeLessThan(5_000)
        if (name !== 'ready') {
          expect(response.headers.get('retry-after'), name).toMatch(/^\d+$/)
          expect((JSON.parse(text) as { error: string }).error, name).toMatch(/database|try again/i)
        }
      }

      // The process itself is fine: liveness says so, so no platform restarts it for the outage.
      expect((await timed('/api/health')).response.status).toBe(200)
      expect(JSON.parse(refusals.ready.text)).toMatchObject({ ok: false, database: { ok: false } })

      await new Promise((resolve) => setTimeout(resolve, (REVALIDATE_SECONDS.products + 1) * 1000))
      await servesRenderedPages() // stale now: each asks for a refresh, which fails in the background
      await servesRenderedPages()

      await database.postgres().start()
      // Back without a restart: the pool reconnects on the next request.
      await expect
        .poll(async () => (await timed('/api/ready')).response.status, { interval: 250, timeout: 20_000 })
        .toBe(200)
      expect((await like(true, visitors.after)).response.status).toBe(200)
      expect((await comment('Written after the database came back.')).response.status).toBe(201)
      const offers = await timed(`/api/offers?sku=${encodeURIComponent(sku)}`)
      expect(offers.response.status).toBe(200)

      // Exactly the acknowledged writes are stored: the refused ones are not, nothing twice.
      const outfit = await prisma().outfit.findUniqueOrThrow({ where: { slug: outfitSlug } })
      const likes = await prisma().like.findMany({
        where: { targetType: 'OUTFIT', targetId: outfit.id, visitorId: { in: Object.values(visitors) } },
      })
      expect(likes.map((row) => row.visitorId).sort()).toEqual([visitors.before, visitors.after].sort())
      const comments = await prisma().comment.findMany({ where: { authorName: 'Outage tester' } })
      expect(comments.map((row) => row.body)).toEqual(['Written after the database came back.'])
    },
  )
})
