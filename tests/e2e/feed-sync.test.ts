// A feed sync made outside the server (as `npm run feed:sync` and the worker run it: here, this test
// process) reaches the running production server: the pages it changed show the change within a
// few seconds, and a price change shows in the live offers within 10 s without any page changing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { prisma } from '@/lib/db/client'
import { syncFeed } from '@/lib/data/feed-sync'
import { snapshotFeed } from '@/lib/feed/source'
import { useFreshDatabase } from '../support/database'
import { startNext, useBuildCopy, type RunningServer } from '../support/next-server'
import { merchantXml, shopProduct, startFeedServer, type FeedServer, type ShopProduct } from '../support/feeds'
import { ROOT } from '../support/test-env'
import { browserAvailable, launchBrowser, SCREENSHOTS } from '../support/browser'
import type { Browser } from 'playwright-core'
import sharp from 'sharp'

const DIST_DIR = '.next-test-feed'
const database = useFreshDatabase()
useBuildCopy(DIST_DIR)
let server: RunningServer
let feeds: FeedServer
let browser: Browser | undefined

const catalogue = [1, 2, 3, 4].map((n) => shopProduct(n))
/** The shop renames the first product and adds one, with its picture, to its category. */
let renamed: ShopProduct[]

async function sync(products: ShopProduct[]) {
  feeds.routes.set('/feed.xml', { body: merchantXml(products) })
  const snapshot = await snapshotFeed(`${feeds.url}/feed.xml`)
  try {
    return await syncFeed(snapshot, { startedBy: 'the e2e tests' })
  } finally {
    await snapshot.discard()
  }
}

const page = async (url: string) => {
  const response = await fetch(`${server.url}${url}`)
  return { status: response.status, cache: response.headers.get('x-lookbook-cache'), html: await response.text() }
}

/** Polls until `shows` holds; returns how long it took (ms). */
async function within(ms: number, what: string, shows: () => Promise<boolean>): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < ms) {
    if (await shows()) return Date.now() - started
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${what} did not show within ${ms} ms`)
}

beforeAll(async () => {
  feeds = await startFeedServer()
  const picture = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#2e6db0' } })
    .jpeg()
    .toBuffer()
  feeds.routes.set('/img/new-arrival.jpg', { body: picture, contentType: 'image/jpeg' })
  renamed = [
    ...catalogue.map((one) => (one.id === 'FEED-00001' ? { ...one, title: 'Renamed by the Shop' } : one)),
    shopProduct(9, {
      title: 'Brand New Arrival',
      product_type: catalogue[0]!.product_type,
      image_link: `${feeds.url}/img/new-arrival.jpg`,
    }),
  ]
  await sync(catalogue)
  const worn = await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00001' } })
  const idol = await prisma().idol.create({ data: { slug: 'feed-idol', name: 'Feed Idol', published: true } })
  await prisma().outfit.create({
    data: {
      slug: 'feed-look',
      title: 'The Feed Look',
      idolId: idol.id,
      published: true,
      publishedAt: new Date(),
      items: { create: { productId: worn.id, position: 0 } },
    },
  })
  server = await startNext({ ...database.env(), WEB_CONCURRENCY: '1' }, { distDir: DIST_DIR })
  if (browserAvailable()) browser = await launchBrowser()
}, 600_000)

afterAll(async () => {
  if (process.env.DEBUG_E2E) console.info(server?.output.join('').slice(-20_000))
  await browser?.close()
  await server?.stop()
  await feeds?.close()
  await rm(path.join(ROOT, DIST_DIR), { recursive: true, force: true })
})

describe('a feed sync in another process', () => {
  it('shows renamed and new products on the running server within seconds, the outfit wearing one included', async () => {
    const dress = await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00001' } })
    const untouched = await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00002' } })
    // Cached before the sync: the outfit, both product pages, the list the new product joins.
    const list = `/products?category=${encodeURIComponent(dress.category)}`
    for (const url of [`/outfits/feed-look`, `/products/${dress.slug}`, `/products/${untouched.slug}`, list]) {
      expect((await page(url)).status, url).toBe(200)
      expect((await page(url)).cache, url).toBe('HIT')
    }

    const report = await sync(renamed)
    expect(report).toMatchObject({ status: 'SUCCEEDED', created: 1, updated: 1, unchanged: 3, imagesStored: 1 })
    // The new product's picture is ours now, stored from the shop's address.
    const picture = await prisma().productImage.findFirstOrThrow({
      where: { product: { sku: 'FEED-00009' } },
      include: { media: true },
    })

    const took = await Promise.all([
      within(6_000, 'the renamed product page', async () =>
        (await page(`/products/${dress.slug}`)).html.includes('Renamed by the Shop'),
      ),
      within(6_000, 'the outfit wearing it', async () =>
        (await page('/outfits/feed-look')).html.includes('Renamed by the Shop'),
      ),
      within(6_000, 'the list the new product joins, with its picture', async () => {
        const { html } = await page(list)
        return html.includes('Brand New Arrival') && html.includes(picture.media.key)
      }),
    ])
    console.info(`A feed sync in another process showed on the server after ${took.join(', ')} ms`)
    expect((await page(`/products/${untouched.slug}`)).html).toContain(untouched.name)
  })

  it('shows a price change in the live offers within 10 s, without expiring any page', async () => {
    const bag = await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00003' } })
    const offer = async () =>
      ((await (await fetch(`${server.url}/api/offers?sku=${bag.sku}`)).json()) as { offers: { priceCents: number }[] })
        .offers[0]?.priceCents
    expect(await offer()).toBe(bag.priceCents)
    const before = await page(`/products/${bag.slug}`)
    expect(before.status).toBe(200)
    const report = await sync(renamed.map((one) => (one.id === 'FEED-00003' ? { ...one, price: '1234.00 EUR' } : one)))
    expect(report.changes).toMatchObject({ productSlugs: [], outfitSlugs: [], listings: false, offerSkus: [bag.sku] })
    await within(11_000, 'the new price in the offers API', async () => (await offer()) === 123400)
    // Prices are never part of a page: the page is the same before and after.
    for (const html of [before.html, (await page(`/products/${bag.slug}`)).html]) expect(html).not.toMatch(/1,?234/)
  })

  it.runIf(browserAvailable())(
    'shows a feed’s new price and sale on an open outfit page within 10 s',
    { timeout: 60_000 },
    async () => {
      const page = await browser!.newPage()
      await page.goto(`${server.url}/outfits/feed-look`)
      const offer = page.getByTestId('offer-FEED-00001')
      await offer.waitFor()
      const synced = Date.now()
      const report = await sync(
        renamed.map((one) => (one.id === 'FEED-00001' ? { ...one, price: '87.00 EUR', sale_price: '69.00 EUR' } : one)),
      )
      expect(report.changes.offerSkus).toContain('FEED-00001')
      await page.getByTestId('offer-FEED-00001').getByText('€69.00').waitFor({ timeout: 12_000 })
      const took = Date.now() - synced
      expect(await offer.locator('s').textContent()).toBe('was €87.00')
      await page.screenshot({ path: `${SCREENSHOTS}/feed-sale-on-outfit.png`, fullPage: true })
      await page.close()
      console.info(`The feed's new price showed on the open outfit page after ${took} ms`)
      expect(took).toBeLessThanOrEqual(10_000)
    },
  )
})
