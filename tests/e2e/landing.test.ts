// The landing page on a production build, as a shopper's phone and a desktop browser see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { useFreshDatabase } from '../support/database'
import { ensureProductionBuild, startNext, type RunningServer } from '../support/next-server'
import { browserAvailable, launchBrowser, SCREENSHOTS } from '../support/browser'

const database = useFreshDatabase()
let server: RunningServer
let browser: Browser | undefined

beforeAll(async () => {
  await ensureProductionBuild()
  await seedDemoData(prisma(), mediaStorage())
  // This test process owns the embedded database now; the server connects to it as a client.
  server = await startNext(database.env())
  if (browserAvailable()) browser = await launchBrowser()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('landing page', () => {
  it('renders idols and outfits from the database, then serves them from the ISR cache', async () => {
    const first = await fetch(`${server.url}/`)
    expect(first.status).toBe(200)
    expect(first.headers.get('x-nextjs-cache')).toBe('MISS') // rendered on request, not at build time
    const html = await first.text()
    const idols = await prisma().idol.findMany({ where: { published: true } })
    for (const idol of idols) expect(html).toContain(idol.name)
    expect(html).toMatch(/Featured outfits/)
    expect(first.headers.get('cache-control')).toMatch(/s-maxage=300/)

    const second = await fetch(`${server.url}/`)
    expect(second.headers.get('x-nextjs-cache')).toBe('HIT')
  })

  it('answers unknown pages with the 404 page', async () => {
    for (const url of ['/no-such-page', '/landing/other']) {
      const response = await fetch(`${server.url}${url}`)
      expect(response.status).toBe(404)
      expect(await response.text()).toContain('This page is not in the lookbook')
    }
  })

  it('serves stored media with long caching, and nothing else', async () => {
    const medium = await prisma().media.findFirstOrThrow()
    const image = await fetch(`${server.url}/${medium.key}`)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/jpeg')
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await image.arrayBuffer()).byteLength).toBe(medium.bytes)
    expect((await fetch(`${server.url}/media/../package.json`)).status).toBe(404)
    expect((await fetch(`${server.url}/media/00/not-a-key.jpg`)).status).toBe(404)
  })

  it.runIf(browserAvailable())('looks right on a phone and a desktop, with every image loaded', async () => {
    for (const [name, viewport] of [
      ['landing-phone', { width: 390, height: 844 }],
      ['landing-desktop', { width: 1280, height: 900 }],
    ] as const) {
      const page = await browser!.newPage({ viewport })
      const problems: string[] = []
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
      page.on('pageerror', (error) => problems.push(error.message))
      await page.goto(`${server.url}/`, { waitUntil: 'networkidle' })
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Shop the looks/)
      // Lazy images below the fold load as the page scrolls.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 600) {
          window.scrollTo(0, y)
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      })
      await page.waitForLoadState('networkidle')
      await page.evaluate(() => window.scrollTo(0, 0))
      const broken = await page.$$eval('img', (images) => images.filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.alt))
      expect(broken).toEqual([])
      const missingAlt = await page.$$eval('img', (images) => images.filter((img) => !img.alt.trim()).length)
      expect(missingAlt).toBe(0)
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
      expect(problems).toEqual([])
      await page.close()
    }
  })
})

describe('server start', () => {
  it('refuses to start with a wrong setting and names it', async () => {
    await expect(startNext({ ...database.env(), DATABASE_URL: 'nonsense' })).rejects.toThrow(/DATABASE_URL must be a PostgreSQL URL/)
  })
})
