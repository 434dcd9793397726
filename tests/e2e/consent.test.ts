// Consent before measurement, then measurement that counts: a production server with Meta's pixel
// and the Conversions API configured (Meta itself stood in for: the pixel script is answered by the
// browser test, the Graph API by a local server checking each payload). Nothing of Meta's loads or
// is set before "Accept", asserted from the browser's network log; after it, each event goes out
// twice with one id. Its own build copy and server: the pages here carry the pixel's settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Request } from 'playwright-core'
import path from 'node:path'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { useFreshDatabase } from '../support/database'
import { startNext, useBuildCopy, type RunningServer } from '../support/next-server'
import {
  browserAvailable,
  IN_APP_PHONE_AGENT as IN_APP_PHONE,
  launchBrowser,
  PHONE_SCREEN,
  SCREENSHOTS,
  settle,
} from '../support/browser'
import { startGraphApiServer, type GraphApiServer } from '../support/graph-api-server'

const DIST_DIR = '.next-test-consent'
const PIXEL_ID = '1234567890123'
const META_HOSTS = /(^|\.)(facebook\.com|facebook\.net|fbcdn\.net|instagram\.com)$/
// Meta's script, stood in for: it takes over the queue as fbevents.js does, and records each call.
const PIXEL_STAND_IN = `(function () {
  var pixel = window.fbq; window.pixelCalls = [];
  pixel.callMethod = function () { window.pixelCalls.push(Array.prototype.slice.call(arguments)) };
  pixel.queue.splice(0).forEach(function (args) { pixel.callMethod.apply(null, args) });
})();`

const database = useFreshDatabase()
useBuildCopy(DIST_DIR)
let server: RunningServer
let graph: GraphApiServer
let browser: Browser | undefined

beforeAll(async () => {
  graph = await startGraphApiServer()
  await seedDemoData(prisma(), mediaStorage())
  server = await startNext(
    {
      ...database.env(),
      META_PIXEL_ID: PIXEL_ID,
      META_CAPI_ACCESS_TOKEN: 'EAAB-e2e-token-0123456789',
      META_GRAPH_API_URL: graph.url,
    },
    { distDir: DIST_DIR },
  )
  if (browserAvailable()) browser = await launchBrowser()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await graph?.close()
})

type Watched = { context: BrowserContext; toMeta: string[]; beacons: { name: string; id: string }[] }

async function phoneWatched(options: { javaScriptEnabled?: boolean } = {}): Promise<Watched> {
  const context = await browser!.newContext({ ...PHONE_SCREEN, userAgent: IN_APP_PHONE, ...options })
  const watched: Watched = { context, toMeta: [], beacons: [] }
  context.on('request', (request: Request) => {
    const url = new URL(request.url())
    if (META_HOSTS.test(url.hostname)) watched.toMeta.push(request.url())
    if (url.pathname === '/api/events') watched.beacons.push(JSON.parse(request.postData() ?? '{}'))
  })
  await context.route('https://connect.facebook.net/**', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: PIXEL_STAND_IN }),
  )
  await context.route('https://shop.example.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: 'The shop' }),
  )
  return watched
}

const pixelCalls = (page: import('playwright-core').Page) =>
  page.evaluate(() => (window as unknown as { pixelCalls?: unknown[][] }).pixelCalls ?? [])

async function receivedByMeta(id: string): Promise<Record<string, unknown>> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const found = graph.events().find((event) => event.event_id === id)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`Meta's Conversions API never received event ${id}`)
}

/** An outfit with a piece in stock, open on a watched phone. */
async function outfitOnPhone() {
  const outfit = await outfitWithStock()
  const watched = await phoneWatched()
  const page = await watched.context.newPage()
  await settle(page, `${server.url}/outfits/${outfit.slug}`)
  return { outfit, watched, page }
}

async function outfitWithStock() {
  return prisma().outfit.findFirstOrThrow({
    where: { published: true, items: { some: { product: { availability: 'IN_STOCK' } } } },
    orderBy: { slug: 'asc' },
    include: { idol: true, items: { orderBy: { position: 'asc' }, include: { product: true } } },
  })
}

describe('the consent banner', () => {
  it("keeps pages the same for everyone: the banner is the browser's business", async () => {
    const outfit = await outfitWithStock()
    const url = `${server.url}/outfits/${outfit.slug}`
    await fetch(url)
    const anonymous = await (await fetch(url)).text()
    const consented = await fetch(url, { headers: { cookie: 'lb_consent=granted' } })
    expect(consented.headers.get('x-lookbook-cache')).toBe('HIT')
    expect(await consented.text()).toBe(anonymous)
    expect(anonymous).not.toContain('connect.facebook.net/en_US') // the pixel is loaded by script, after consent
  })

  it.runIf(browserAvailable())(
    'loads nothing of Meta\'s before a choice or after "Reject", offers both equally, and can be changed later',
    { timeout: 90_000 },
    async () => {
      const { outfit, watched, page } = await outfitOnPhone()
      const banner = page.getByRole('dialog', { name: 'May we measure your visit?' })
      await banner.waitFor()
      await page.screenshot({ path: path.join(SCREENSHOTS, 'consent-banner-phone.png') })
      const [accept, reject] = [
        banner.getByRole('button', { name: 'Accept' }),
        banner.getByRole('button', { name: 'Reject' }),
      ]
      const looks = (button: typeof accept) =>
        button.evaluate((element) => {
          const style = getComputedStyle(element)
          const box = element.getBoundingClientRect()
          return {
            background: style.backgroundColor,
            color: style.color,
            font: style.font,
            width: box.width,
            height: box.height,
          }
        })
      expect(await looks(accept)).toEqual(await looks(reject)) // equally prominent
      expect((await looks(accept)).height).toBeGreaterThanOrEqual(48)
      expect(watched.toMeta).toEqual([])
      expect(watched.beacons).toEqual([])
      expect((await watched.context.cookies()).map((cookie) => cookie.name)).not.toEqual(
        expect.arrayContaining(['_fbp']),
      )

      await reject.click()
      await banner.waitFor({ state: 'detached' })
      expect((await watched.context.cookies()).find((cookie) => cookie.name === 'lb_consent')?.value).toBe('denied')
      await page.locator(`a.piece-name[href="/products/${outfit.items[0]!.product.slug}"]`).click()
      await page.waitForURL(`**/products/${outfit.items[0]!.product.slug}`)
      await page.reload()
      await page.waitForLoadState('load')
      expect(await banner.count()).toBe(0)
      expect(watched.toMeta).toEqual([])
      expect(watched.beacons).toEqual([])

      // The footer's "Privacy settings" brings the choice back.
      await page.getByRole('button', { name: 'Privacy settings' }).click()
      await banner.waitFor()
      await watched.context.close()
    },
  )

  it.runIf(browserAvailable())(
    'measures after "Accept": the pixel and the Conversions API get each event once, with one id',
    { timeout: 90_000 },
    async () => {
      const { outfit, watched, page } = await outfitOnPhone()
      await page.getByRole('button', { name: 'Accept' }).click()
      await page.getByRole('dialog').waitFor({ state: 'detached' })
      expect((await watched.context.cookies()).find((cookie) => cookie.name === 'lb_consent')?.value).toBe('granted')

      // The page view and the look viewed, in the browser and from the server, pairwise the same id.
      await page.waitForFunction(() => ((window as unknown as { pixelCalls?: unknown[] }).pixelCalls ?? []).length >= 4)
      const calls = await pixelCalls(page)
      // Only our events, each with its id: no automatic ones of Meta's, no page view of its own per navigation.
      expect(calls.slice(0, 2)).toEqual([
        ['set', 'autoConfig', false, PIXEL_ID],
        ['init', PIXEL_ID],
      ])
      const pageView = calls.find((call) => call[1] === 'PageView') as [string, string, object, { eventID: string }]
      const viewContent = calls.find((call) => call[1] === 'ViewContent') as [
        string,
        string,
        object,
        { eventID: string },
      ]
      expect(pageView[0]).toBe('track')
      expect(viewContent[2]).toEqual({
        content_ids: outfit.items.map((item) => item.product.sku),
        content_type: 'product',
        content_name: `${outfit.title} — ${outfit.idol.name}`,
      })
      expect(watched.toMeta.every((url) => url.startsWith('https://connect.facebook.net/en_US/fbevents.js'))).toBe(true)
      for (const [, name, , { eventID }] of [pageView, viewContent]) {
        expect(watched.beacons).toContainEqual(expect.objectContaining({ name, id: eventID }))
        const sent = await receivedByMeta(eventID)
        expect(sent.event_name).toBe(name)
        expect(sent.event_source_url).toBe(`${server.url}/outfits/${outfit.slug}`)
        expect((sent.user_data as Record<string, unknown>).client_user_agent).toBe(IN_APP_PHONE)
      }

      // A like, and the click to the shop.
      await page.getByRole('button', { name: /Like this look/ }).click()
      const item = outfit.items.find((one) => one.product.availability === 'IN_STOCK')!
      const index = outfit.items.indexOf(item)
      const [shop] = await Promise.all([
        watched.context.waitForEvent('page'),
        page
          .locator(`#piece-${index + 1}`)
          .getByRole('link', { name: 'Buy at the shop' })
          .click(),
      ])
      await shop.waitForURL('https://shop.example.com/**')
      const later = await pixelCalls(page)
      const like = later.find((call) => call[1] === 'Like') as [string, string, object, { eventID: string }]
      const click = later.find((call) => call[1] === 'ShopClick') as [string, string, object, { eventID: string }]
      expect([like[0], click[0]]).toEqual(['trackCustom', 'trackCustom'])
      expect(click[2]).toEqual({ content_ids: [item.product.sku], content_type: 'product' })
      expect((await receivedByMeta(like[3].eventID)).event_name).toBe('Like')
      expect((await receivedByMeta(click[3].eventID)).event_name).toBe('ShopClick')
      // Each event once, from each side.
      const ids = graph.events().map((event) => event.event_id)
      for (const [, , , { eventID }] of [pageView, viewContent, like, click])
        expect(ids.filter((id) => id === eventID)).toHaveLength(1)

      // Changing one's mind stops the pixel already loaded on the page at once.
      await shop.close()
      await page.getByRole('button', { name: 'Privacy settings' }).click()
      await page.getByRole('button', { name: 'Reject' }).click()
      await page.getByRole('dialog').waitFor({ state: 'detached' })
      const afterReject = await pixelCalls(page)
      expect(afterReject.at(-1)).toEqual(['consent', 'revoke'])
      const beaconsBefore = watched.beacons.length
      const [again] = await Promise.all([
        watched.context.waitForEvent('page'),
        page
          .locator(`#piece-${index + 1}`)
          .getByRole('link', { name: 'Buy at the shop' })
          .click(),
      ])
      await again.close()
      await page.waitForTimeout(500)
      expect(await pixelCalls(page)).toHaveLength(afterReject.length)
      expect(watched.beacons).toHaveLength(beaconsBefore)
      await watched.context.close()
    },
  )

  it.runIf(browserAvailable())('without JavaScript: no banner, nothing measured, the site works', async () => {
    const outfit = await outfitWithStock()
    const watched = await phoneWatched({ javaScriptEnabled: false })
    const page = await watched.context.newPage()
    await page.goto(`${server.url}/outfits/${outfit.slug}`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(outfit.title)
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Buy at the shop' }).count()).toBeGreaterThan(0)
    expect(watched.toMeta).toEqual([])
    await watched.context.close()
  })
})
