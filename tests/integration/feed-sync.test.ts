// The products task against feeds served by a real HTTP server on loopback: XML, TSV and CSV;
// broken rows, broken feeds and broken servers; the guards; what editors own; idempotency; runs
// that stop half-way; one run at a time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NextRequest } from 'next/server'
import { prisma } from '@/lib/db/client'
import { resetSettingsForTests } from '@/lib/env'
import { GET as cronRoute } from '@/app/api/cron/feed-sync/route'
import { POST as eventsRoute } from '@/app/api/feed/events/route'
import { createHmac } from 'node:crypto'
import { updateProductEditorial } from '@/lib/data/admin/products'
import { FeedSyncBusy, syncFeed, syncFeedFrom, type FeedSyncOptions } from '@/lib/data/feed-sync'
import { FeedFetchError, snapshotFeed, type FetchLimits } from '@/lib/feed/source'
import { useFreshDatabase } from '../support/database'
import {
  delimitedFeed,
  merchantXml,
  shopProduct,
  startFeedServer,
  type FeedServer,
  type ShopProduct,
} from '../support/feeds'
import { signedInEditor } from '../support/uploads'
import sharp from 'sharp'
import { mediaStorage } from '@/lib/storage'
import { sizedKeyOf } from '@/lib/storage/keys'

useFreshDatabase()
let feeds: FeedServer

beforeAll(async () => {
  feeds = await startFeedServer()
})
afterAll(async () => {
  await feeds.close()
})

beforeEach(async () => {
  // Each test starts from an empty catalogue and no run under way.
  await prisma().outfitItem.deleteMany()
  await prisma().outfit.deleteMany()
  await prisma().idol.deleteMany()
  await prisma().product.deleteMany()
  await prisma().feedRun.deleteMany()
  await prisma().feedLock.deleteMany()
  await prisma().feedEvent.deleteMany()
})

async function sync(route: string, options: Partial<FeedSyncOptions> = {}, limits?: FetchLimits) {
  const snapshot = await snapshotFeed(`${feeds.url}${route}`, limits)
  try {
    return await syncFeed(snapshot, { startedBy: 'the tests', ...options })
  } finally {
    await snapshot.discard()
  }
}

function serve(route: string, products: ShopProduct[]) {
  feeds.routes.set(route, { body: merchantXml(products) })
}

/** The whole catalogue, but for the times rows were written. */
async function catalogue() {
  const rows = await prisma().product.findMany({
    orderBy: { sku: 'asc' },
    omit: { updatedAt: true, createdAt: true, offerUpdatedAt: true, feedImagesTriedAt: true, id: true },
  })
  return rows
}

const five = [1, 2, 3, 4, 5].map((n) => shopProduct(n))

/** An idol's outfit `<idol>-in-red`, wearing the product: returns the product's slug. */
async function outfitWearing(sku: string, idolSlug: string): Promise<string> {
  const product = await prisma().product.findUniqueOrThrow({ where: { sku } })
  const idol = await prisma().idol.create({ data: { slug: idolSlug, name: idolSlug } })
  await prisma().outfit.create({
    data: {
      slug: `${idolSlug}-in-red`,
      title: `${idolSlug} in red`,
      idolId: idol.id,
      items: { create: { productId: product.id, position: 0 } },
    },
  })
  return product.slug
}

/** The catalogue the tests of changes start from: five products, synced. */
async function syncFive() {
  serve('/feed.xml', five)
  await sync('/feed.xml')
}

describe('a first sync', () => {
  it('creates every product of an XML feed with what the feed says', async () => {
    serve('/feed.xml', [
      shopProduct(1, {
        sale_price: '15.00 EUR',
        additional_image_link: ['http://127.0.0.1:9/1-b.jpg'],
        gtin: '4006381333931',
        item_group_id: 'G1',
      }),
      shopProduct(2),
    ])
    const report = await sync('/feed.xml')
    expect(report).toMatchObject({
      status: 'SUCCEEDED',
      listed: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      deactivated: 0,
      rejected: 0,
    })
    const [first] = await catalogue()
    expect(first).toEqual({
      sku: 'FEED-00001',
      slug: 'feed-piece-1',
      name: 'Feed Piece 1',
      description: "The 1th piece of the shop's feed.",
      shopUrl: 'https://shop.example/p/feed-1',
      active: true,
      brand: 'Field & Co',
      category: 'Tops',
      colors: ['Ivory', 'Navy'],
      sizes: ['M'],
      gtin: '4006381333931',
      itemGroupId: 'G1',
      feedImageUrls: ['http://127.0.0.1:9/feed-1.jpg', 'http://127.0.0.1:9/1-b.jpg'],
      // Nothing answers at its picture's address (the discard port): it is tried again next time.
      feedImagesPending: true,
      nameEditedAt: null,
      descriptionEditedAt: null,
      priceCents: 2000,
      salePriceCents: 1500,
      currency: 'EUR',
      availability: 'IN_STOCK',
      version: 1,
    })
    expect(report.changes.listings).toBe(true)
    // New products have no cached page yet: only listings and facets change, and cached offers.
    expect(report.changes).toMatchObject({ productSlugs: [], offerSkus: ['FEED-00001', 'FEED-00002'] })
    const [run] = await prisma().feedRun.findMany()
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      created: 2,
      listed: 2,
      startedBy: 'the tests',
      source: `${feeds.url}/feed.xml`,
    })
  })

  it('reads TSV and CSV into the same catalogue as XML: a second run from them changes nothing', async () => {
    const products = [
      shopProduct(1, { description: 'Quoted "words", a comma\nand a line break' }),
      shopProduct(2, {
        additional_image_link: ['http://127.0.0.1:9/2-b.jpg', 'http://127.0.0.1:9/2-c.jpg'],
      }),
    ]
    serve('/feed.xml', products)
    feeds.routes.set('/feed.tsv', {
      body: delimitedFeed(
        products.map((one) => ({ ...one, description: 'Plain words' })),
        '\t',
      ),
      contentType: 'text/tab-separated-values',
    })
    feeds.routes.set('/feed.csv', { body: delimitedFeed(products, ','), contentType: 'text/csv' })
    await sync('/feed.xml')
    const fromXml = await catalogue()
    expect(await sync('/feed.csv')).toMatchObject({ status: 'SUCCEEDED', unchanged: 2, updated: 0, created: 0 })
    expect(await catalogue()).toEqual(fromXml)
    const fromTsv = await sync('/feed.tsv')
    expect(fromTsv).toMatchObject({ status: 'SUCCEEDED', updated: 2, created: 0 })
    expect((await catalogue()).map((row) => row.description)).toEqual(['Plain words', 'Plain words'])
  })

  it('skips and reports bad records, and applies the rest', async () => {
    serve('/feed.xml', [
      shopProduct(1),
      shopProduct(2, { price: 'free' }),
      shopProduct(3, { link: 'javascript:alert(1)' }),
      shopProduct(1, { title: 'The same SKU again' }),
      shopProduct(4),
    ])
    const report = await sync('/feed.xml')
    expect(report).toMatchObject({ status: 'SUCCEEDED', listed: 5, created: 2, rejected: 3 })
    expect(report.rejectedRows).toEqual([
      {
        where: 'item 2',
        sku: 'FEED-00002',
        reason: 'its price "free" is not an amount with a currency, like 29.00 EUR',
      },
      { where: 'item 3', sku: 'FEED-00003', reason: 'its link is not an http(s) address: javascript:alert(1)' },
      { where: 'item 4', sku: 'FEED-00001', reason: 'its id is listed before: the first one is used' },
    ])
    expect((await catalogue()).map((row) => [row.sku, row.name])).toEqual([
      ['FEED-00001', 'Feed Piece 1'],
      ['FEED-00004', 'Feed Piece 4'],
    ])
    const [run] = await prisma().feedRun.findMany()
    expect(run!.rejectedRows).toEqual(report.rejectedRows)
  })
})

describe('a sync of a changed feed', () => {
  beforeEach(syncFive)

  it('changes nothing and expires nothing when the feed is the same', async () => {
    const before = await catalogue()
    const report = await sync('/feed.xml')
    expect(report).toMatchObject({ status: 'SUCCEEDED', created: 0, updated: 0, unchanged: 5, deactivated: 0 })
    expect(report.changes).toEqual({
      productSlugs: [],
      outfitSlugs: [],
      listings: false,
      offerSkus: [],
      everything: false,
    })
    expect(await catalogue()).toEqual(before)
  })

  it('applies a price change to the offer only: no page expires and the editorial version stays', async () => {
    const before = await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00002' } })
    serve(
      '/feed.xml',
      five.map((one) => (one.id === 'FEED-00002' ? { ...one, price: '99.00 EUR', availability: 'out_of_stock' } : one)),
    )
    const report = await sync('/feed.xml')
    expect(report).toMatchObject({ updated: 1, unchanged: 4 })
    expect(report.changes).toEqual({
      productSlugs: [],
      outfitSlugs: [],
      listings: false,
      offerSkus: ['FEED-00002'],
      everything: false,
    })
    const after = await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00002' } })
    expect(after).toMatchObject({ priceCents: 9900, availability: 'OUT_OF_STOCK', version: before.version })
    expect(after.offerUpdatedAt.getTime()).toBeGreaterThan(before.offerUpdatedAt.getTime())
  })

  it('expires the page of a product whose words or filters changed, and the outfits that wear it', async () => {
    const productSlug = await outfitWearing('FEED-00003', 'ada')
    serve(
      '/feed.xml',
      five.map((one) => (one.id === 'FEED-00003' ? { ...one, brand: 'New Brand' } : one)),
    )
    const report = await sync('/feed.xml')
    expect(report.changes).toEqual({
      productSlugs: [productSlug],
      outfitSlugs: ['ada-in-red'],
      listings: true,
      offerSkus: [],
      everything: false,
    })
  })

  it('never writes over the words an editor changed, and keeps following the feed for the rest', async () => {
    const { editor } = await signedInEditor('feed-editor@example.com')
    const product = await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00001' } })
    const saved = await updateProductEditorial(
      { id: product.id, version: product.version, name: product.name, description: 'Our story of this piece.' },
      editor,
    )
    expect(saved).toMatchObject({ ok: true })
    serve(
      '/feed.xml',
      five.map((one) =>
        one.id === 'FEED-00001'
          ? { ...one, title: 'Renamed by the shop', description: 'The shop’s new text', price: '10.00 EUR' }
          : one,
      ),
    )
    await sync('/feed.xml')
    const after = await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00001' } })
    expect(after).toMatchObject({
      name: 'Renamed by the shop',
      description: 'Our story of this piece.',
      priceCents: 1000,
      version: product.version + 1,
    })
  })

  it('keeps a product whose record is broken this time as it was: skipped, not deactivated', async () => {
    const before = await catalogue()
    serve(
      '/feed.xml',
      five.map((one) => (one.id === 'FEED-00004' ? { ...one, price: 'n/a', title: 'Changed' } : one)),
    )
    const report = await sync('/feed.xml')
    expect(report).toMatchObject({ status: 'SUCCEEDED', rejected: 1, unchanged: 4, deactivated: 0 })
    expect(await catalogue()).toEqual(before)
  })

  it('deactivates a product the feed no longer lists, keeping it for the outfits that show it', async () => {
    serve('/feed.xml', five.slice(0, 4))
    const report = await sync('/feed.xml')
    expect(report).toMatchObject({ status: 'SUCCEEDED', deactivated: 1, unchanged: 4 })
    expect(await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00005' } })).toMatchObject({ active: false })
    expect(report.changes).toMatchObject({ listings: true, offerSkus: ['FEED-00005'] })
    // Listed again: active again.
    serve('/feed.xml', five)
    expect(await sync('/feed.xml')).toMatchObject({ updated: 1, unchanged: 4 })
    expect(await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00005' } })).toMatchObject({ active: true })
  })
})

describe("the feed's images", () => {
  /** A real picture of the given size, as the shop's CDN would send it. */
  const picture = (width: number, height: number, format: 'jpeg' | 'png') =>
    sharp({ create: { width, height, channels: 3, background: '#b03a2e' } })
      [format]()
      .toBuffer()
  const image = (route: string) => `${feeds.url}${route}`
  const mediaOf = (sku: string) =>
    prisma()
      .productImage.findMany({ where: { product: { sku } }, orderBy: { position: 'asc' }, include: { media: true } })
      .then((rows) => rows.map((row) => row.media))

  beforeEach(async () => {
    await prisma().productImage.deleteMany()
    await prisma().media.deleteMany({ where: { sourceUrl: { not: null } } })
    feeds.routes.set('/img/front.jpg', { body: await picture(40, 60, 'jpeg'), contentType: 'image/jpeg' })
    feeds.routes.set('/img/back.png', { body: await picture(30, 20, 'png'), contentType: 'image/png' })
    feeds.hits.clear()
  })

  it('stores them as media in the feed’s order, each address downloaded once, and a second run fetches nothing', async () => {
    serve('/feed.xml', [
      shopProduct(1, { image_link: image('/img/front.jpg'), additional_image_link: [image('/img/back.png')] }),
      shopProduct(2, { image_link: image('/img/front.jpg') }),
    ])
    const report = await sync('/feed.xml')
    expect(report).toMatchObject({
      status: 'SUCCEEDED',
      created: 2,
      imagesStored: 2,
      imagesWaiting: 0,
      imageProblems: [],
    })
    const first = await mediaOf('FEED-00001')
    // With the sizes pages show them at, made as they were stored (both narrower than any step).
    expect(first.map(({ mime, width, height, sizedWidths }) => ({ mime, width, height, sizedWidths }))).toEqual([
      { mime: 'image/jpeg', width: 40, height: 60, sizedWidths: [40] },
      { mime: 'image/png', width: 30, height: 20, sizedWidths: [30] },
    ])
    for (const media of first)
      for (const format of ['avif', 'webp'] as const)
        expect(await mediaStorage().exists(sizedKeyOf(media.key, media.width, format))).toBe(true)
    // Named after the product that downloaded it first (the two ask at the same moment).
    expect(first[0]).toMatchObject({
      sourceUrl: image('/img/front.jpg'),
      alt: expect.stringMatching(/^Feed Piece [12]$/),
    })
    for (const media of first) expect(await mediaStorage().exists(media.key)).toBe(true)
    expect((await mediaOf('FEED-00002')).map((media) => media.id)).toEqual([first[0]!.id])
    expect([feeds.hits.get('/img/front.jpg'), feeds.hits.get('/img/back.png')]).toEqual([1, 1])
    // Images arrive after the products are written: their pages and the listings show them now.
    expect(report.changes).toMatchObject({ listings: true })
    expect(report.changes.productSlugs).toHaveLength(2)

    const again = await sync('/feed.xml')
    expect(again).toMatchObject({ unchanged: 2, imagesStored: 0 })
    expect(again.changes).toMatchObject({ productSlugs: [], listings: false })
    expect([feeds.hits.get('/img/front.jpg'), feeds.hits.get('/img/back.png')]).toEqual([1, 1])
  })

  it('replaces a product’s pictures when the feed names others, and expires the outfits that wear it', async () => {
    serve('/feed.xml', [shopProduct(1, { image_link: image('/img/front.jpg') })])
    await sync('/feed.xml')
    const productSlug = await outfitWearing('FEED-00001', 'bo')
    serve('/feed.xml', [shopProduct(1, { image_link: image('/img/back.png') })])
    const report = await sync('/feed.xml')
    expect(report).toMatchObject({ updated: 1, imagesStored: 1 })
    expect(report.changes).toMatchObject({ productSlugs: [productSlug], outfitSlugs: ['bo-in-red'], listings: true })
    expect((await mediaOf('FEED-00001')).map((media) => media.mime)).toEqual(['image/png'])

    // Named again, but by an address that is gone: the picture it has is better than none.
    serve('/feed.xml', [shopProduct(1, { image_link: image('/img/gone.jpg') })])
    const gone = await sync('/feed.xml')
    expect(gone).toMatchObject({
      updated: 1,
      imagesStored: 1,
      imageProblems: [expect.objectContaining({ sku: 'FEED-00001' })],
    })
    expect((await mediaOf('FEED-00001')).map((media) => media.mime)).toEqual(['image/png'])
    expect(await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00001' } })).toMatchObject({
      feedImagesPending: false,
    })
  })

  it('tries the products it could not finish after the others, so a few never hold up the rest', async () => {
    feeds.routes.set('/img/later.jpg', { status: 503 })
    serve('/feed.xml', [
      shopProduct(1, { image_link: image('/img/later.jpg') }),
      shopProduct(2, { image_link: image('/img/front.jpg') }),
      shopProduct(3, { image_link: image('/img/back.png') }),
    ])
    // One product a run: the first run tries the first, which cannot finish.
    const first = await sync('/feed.xml', { images: { maxProducts: 1 } })
    expect(first).toMatchObject({ imagesStored: 0, imagesWaiting: 3 })
    const second = await sync('/feed.xml', { images: { maxProducts: 1 } })
    expect(second).toMatchObject({ imagesStored: 1, imagesWaiting: 2 })
    expect(await mediaOf('FEED-00002')).toHaveLength(1)
    const third = await sync('/feed.xml', { images: { maxProducts: 1 } })
    expect(third).toMatchObject({ imagesStored: 1, imagesWaiting: 1 })
    expect(await mediaOf('FEED-00003')).toHaveLength(1)
  })

  it('leaves out an image gone for good and says why; keeps trying one that may come back', async () => {
    feeds.routes.set('/img/page.jpg', { body: '<html>not a picture</html>', contentType: 'image/jpeg' })
    feeds.routes.set('/img/later.jpg', { status: 503 })
    serve('/feed.xml', [
      shopProduct(1, { image_link: image('/img/gone.jpg'), additional_image_link: [image('/img/front.jpg')] }),
      shopProduct(2, { image_link: image('/img/page.jpg') }),
      shopProduct(3, { image_link: image('/img/later.jpg') }),
    ])
    const report = await sync('/feed.xml')
    expect(report).toMatchObject({ status: 'SUCCEEDED', created: 3, imagesStored: 2, imagesWaiting: 1 })
    expect(report.imageProblems).toEqual(
      expect.arrayContaining([
        { sku: 'FEED-00001', url: image('/img/gone.jpg'), reason: 'the server answered 404 Not Found' },
        {
          sku: 'FEED-00002',
          url: image('/img/page.jpg'),
          reason: expect.stringMatching(/not a JPEG, PNG, WebP or AVIF/),
        },
        { sku: 'FEED-00003', url: image('/img/later.jpg'), reason: 'the server answered 503 Service Unavailable' },
      ]),
    )
    expect((await mediaOf('FEED-00001')).map((media) => media.sourceUrl)).toEqual([image('/img/front.jpg')])
    expect(await mediaOf('FEED-00002')).toEqual([])
    expect(await prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00003' } })).toMatchObject({
      feedImagesPending: true,
    })
    // The run is recorded with them, for /admin/feed.
    expect(await prisma().feedRun.findUniqueOrThrow({ where: { id: report.runId! } })).toMatchObject({
      imagesStored: 2,
      imagesWaiting: 1,
      imageProblems: expect.arrayContaining([expect.objectContaining({ sku: 'FEED-00003' })]),
    })

    // The CDN is back: the next run stores it, though the feed itself did not change.
    feeds.routes.set('/img/later.jpg', { body: await picture(10, 10, 'jpeg'), contentType: 'image/jpeg' })
    const next = await sync('/feed.xml')
    expect(next).toMatchObject({ unchanged: 3, imagesStored: 1, imagesWaiting: 0, imageProblems: [] })
    expect((await mediaOf('FEED-00003')).map((media) => media.width)).toEqual([10])
    expect(next.changes.productSlugs).toHaveLength(1)
    // What was left out for good is not asked for again.
    expect(feeds.hits.get('/img/gone.jpg')).toBe(1)
  })

  it('uses one of our own media addresses (the demo’s feed) as it is, without downloading it', async () => {
    serve('/feed.xml', [shopProduct(1, { image_link: image('/img/front.jpg') })])
    await sync('/feed.xml')
    const [stored] = await mediaOf('FEED-00001')
    // An address that cannot be reached: only the key in its path can make this work.
    serve('/feed.xml', [shopProduct(2, { image_link: `http://127.0.0.1:9/${stored!.key}` })])
    const report = await sync('/feed.xml', { force: true })
    expect(report).toMatchObject({ created: 1, imagesStored: 1, imageProblems: [] })
    expect((await mediaOf('FEED-00002')).map((media) => media.id)).toEqual([stored!.id])
  })

  it('leaves the images for a later run when asked to, and a dry run touches none', async () => {
    serve('/feed.xml', [shopProduct(1, { image_link: image('/img/front.jpg') })])
    expect(await sync('/feed.xml', { dryRun: true })).toMatchObject({ created: 1, imagesStored: 0 })
    const report = await sync('/feed.xml', { images: false })
    expect(report).toMatchObject({ created: 1, imagesStored: 0 })
    expect(feeds.hits.get('/img/front.jpg')).toBeUndefined()
    expect(await sync('/feed.xml')).toMatchObject({ unchanged: 1, imagesStored: 1 })
    expect(await mediaOf('FEED-00001')).toHaveLength(1)
  })
})

describe('a feed that must not be applied', () => {
  beforeEach(syncFive)

  it('refuses a feed that drops more than a fifth of the products, unless forced', async () => {
    const before = await catalogue()
    serve(
      '/feed.xml',
      five.slice(0, 2).map((one) => ({ ...one, price: '1.00 EUR' })),
    )
    const refused = await sync('/feed.xml')
    expect(refused.status).toBe('REFUSED')
    expect(refused.message).toMatch(
      /^The feed leaves out 3 of the 5 active products \(60 %\), more than the 20 % a sync may deactivate: nothing was changed\./,
    )
    expect(await catalogue()).toEqual(before)
    expect(await prisma().feedRun.findFirst({ orderBy: { startedAt: 'desc' } })).toMatchObject({
      status: 'REFUSED',
      message: refused.message,
    })
    expect(await sync('/feed.xml', { force: true })).toMatchObject({ status: 'SUCCEEDED', deactivated: 3, updated: 2 })
  })

  it('refuses an empty feed, and one whose every record is rejected', async () => {
    const before = await catalogue()
    serve('/empty.xml', [])
    expect(await sync('/empty.xml')).toMatchObject({
      status: 'REFUSED',
      message: 'The feed lists no usable product (0 records, all rejected): nothing was changed.',
    })
    serve(
      '/junk.xml',
      five.map((one) => ({ ...one, price: 'n/a' })),
    )
    expect(await sync('/junk.xml')).toMatchObject({ status: 'REFUSED', rejected: 5 })
    expect(await catalogue()).toEqual(before)
  })

  it('refuses a feed cut off in the middle, even where what came first would apply', async () => {
    const before = await catalogue()
    const changed = merchantXml(five.map((one) => ({ ...one, price: '1.00 EUR' })))
    feeds.routes.set('/cut.xml', { body: changed.slice(0, changed.indexOf('FEED-00004')) })
    const report = await sync('/cut.xml')
    expect(report.status).toBe('REFUSED')
    expect(report.message).toMatch(/^The XML feed cannot be read: .*unclosed.* Nothing was changed\.$/)
    expect(await catalogue()).toEqual(before)
  })

  it('changes nothing when the feed server answers 500, never answers, or breaks off', async () => {
    const before = await catalogue()
    feeds.routes.set('/down.xml', { status: 500 })
    await expect(sync('/down.xml')).rejects.toThrow(
      new FeedFetchError(`The feed server answered 500 Internal Server Error for ${feeds.url}/down.xml.`),
    )
    feeds.routes.set('/slow.xml', { hang: true })
    await expect(sync('/slow.xml', {}, { timeoutMs: 300, maxBytes: 1 << 20 })).rejects.toThrow(
      `The feed at ${feeds.url}/slow.xml did not arrive within 0.3 s.`,
    )
    feeds.routes.set('/broken.xml', { body: merchantXml(five), cutAfter: 300 })
    await expect(sync('/broken.xml')).rejects.toBeInstanceOf(FeedFetchError)
    // As the command line, the worker and the cron route run it: the failure is a run of its own.
    const failed = await syncFeedFrom(`${feeds.url}/down.xml`, { startedBy: 'the worker' })
    expect(failed).toMatchObject({ status: 'FAILED', created: 0, updated: 0 })
    expect(failed.message).toBe(
      `The feed server answered 500 Internal Server Error for ${feeds.url}/down.xml. Nothing was changed.`,
    )
    expect(await prisma().feedRun.findUniqueOrThrow({ where: { id: failed.runId! } })).toMatchObject({
      status: 'FAILED',
      startedBy: 'the worker',
      message: failed.message,
    })
    feeds.routes.set('/garbage.xml', { body: '<html><body>Maintenance</body></html>' })
    expect(await sync('/garbage.xml')).toMatchObject({ status: 'REFUSED' })
    expect(await catalogue()).toEqual(before)
  })
})

describe('one run at a time, and runs that stop half-way', () => {
  const many = Array.from({ length: 1_200 }, (_, index) => shopProduct(index + 1))

  it('ends a run stopped after its first batch, then rerun, exactly as one clean run', async () => {
    serve('/many.xml', many)
    const stop = new Error('stopped after the first batch')
    await expect(sync('/many.xml', { afterBatch: async () => Promise.reject(stop) })).rejects.toBe(stop)
    expect(await prisma().product.count()).toBe(500)
    expect(await prisma().feedRun.findFirst()).toMatchObject({ status: 'FAILED', message: stop.message })
    const rerun = await sync('/many.xml')
    expect(rerun).toMatchObject({ status: 'SUCCEEDED', created: 700, unchanged: 500 })
    const afterRerun = await catalogue()
    // The same feed into an empty catalogue, in one go.
    await prisma().product.deleteMany()
    expect(await sync('/many.xml')).toMatchObject({ created: 1_200 })
    expect(await catalogue()).toEqual(afterRerun)
  })

  it('refuses a second run while one holds the lease, and takes over from a run that was killed', async () => {
    serve('/feed.xml', five)
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const first = sync('/feed.xml', { afterBatch: () => held })
    await expect.poll(async () => (await prisma().feedLock.findFirst())?.runId ?? null).not.toBeNull()
    await expect(sync('/feed.xml')).rejects.toThrow(FeedSyncBusy)
    release()
    await first
    // A run killed holding the lease: its lease lapses, the next run marks it and expires everything.
    const killed = await prisma().feedRun.create({ data: { source: 'x', startedBy: 'a killed worker' } })
    await prisma().feedLock.update({
      where: { id: 1 },
      data: { runId: killed.id, heldUntil: new Date(Date.now() - 1) },
    })
    const next = await sync('/feed.xml')
    expect(next).toMatchObject({ status: 'SUCCEEDED', unchanged: 5 })
    expect(next.changes.everything).toBe(true)
    expect(await prisma().feedRun.findUniqueOrThrow({ where: { id: killed.id } })).toMatchObject({
      status: 'INTERRUPTED',
    })
  })

  it('changes nothing on a dry run, and says what would change', async () => {
    serve('/feed.xml', five)
    const dry = await sync('/feed.xml', { dryRun: true })
    expect(dry).toMatchObject({ status: 'SUCCEEDED', dryRun: true, runId: null, created: 5 })
    expect(await prisma().product.count()).toBe(0)
    expect(await prisma().feedRun.count()).toBe(0)
  })
})

describe('the cron route (Vercel Cron)', () => {
  const SECRET = 'cron-secret-0123456789abcdef'
  const call = (authorization?: string) =>
    cronRoute(
      new NextRequest('http://localhost/api/cron/feed-sync', {
        headers: authorization ? { authorization } : {},
      }),
    )
  const withSettings = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    resetSettingsForTests()
  }

  afterAll(() => withSettings({ CRON_SECRET: undefined, FEED_URL: undefined }))

  it('syncs FEED_URL only for the bearer of CRON_SECRET, and says what the run did', async () => {
    serve('/feed.xml', five)
    withSettings({ CRON_SECRET: undefined, FEED_URL: `${feeds.url}/feed.xml` })
    expect((await call(`Bearer ${SECRET}`)).status).toBe(401) // no secret set: no way in
    withSettings({ CRON_SECRET: SECRET })
    for (const wrong of [undefined, 'Bearer nope', `Bearer ${SECRET}x`, SECRET]) {
      const refused = await call(wrong)
      expect(refused.status).toBe(401)
      expect(await refused.json()).toEqual({
        error: expect.stringContaining('Authorization: Bearer <CRON_SECRET>') as string,
      })
    }
    expect(await prisma().product.count()).toBe(0)
    const answer = await call(`Bearer ${SECRET}`)
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject({ status: 'SUCCEEDED', created: 5, listed: 5 })
    expect(await prisma().feedRun.findFirst()).toMatchObject({ startedBy: 'the cron route', status: 'SUCCEEDED' })
  })

  it('answers 502 when the feed cannot be fetched, and 503 when there is no FEED_URL', async () => {
    feeds.routes.set('/down.xml', { status: 500 })
    withSettings({ CRON_SECRET: SECRET, FEED_URL: `${feeds.url}/down.xml` })
    const failed = await call(`Bearer ${SECRET}`)
    expect(failed.status).toBe(502)
    expect(await failed.json()).toMatchObject({
      status: 'FAILED',
      message: expect.stringMatching(/answered 500/) as string,
    })
    withSettings({ FEED_URL: undefined })
    expect((await call(`Bearer ${SECRET}`)).status).toBe(503)
  })
})

describe('pushed single-product updates (POST /api/feed/events)', () => {
  const SECRET = 'webhook-secret-0123456789abcdef'
  const now = () => Math.floor(Date.now() / 1000)
  const sign = (raw: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`
  const post = (raw: string, signature: string | null = sign(raw), contentType = 'application/json') =>
    eventsRoute(
      new NextRequest('http://localhost/api/feed/events', {
        method: 'POST',
        headers: { 'content-type': contentType, ...(signature ? { 'x-feed-signature': signature } : {}) },
        body: raw,
      }),
    )
  const event = (changes: Record<string, unknown> = {}) =>
    JSON.stringify({ id: `evt-${Math.random()}`, timestamp: now(), sku: 'FEED-00002', price: '42.00 EUR', ...changes })
  const stored = () => prisma().product.findUniqueOrThrow({ where: { sku: 'FEED-00002' } })

  beforeAll(() => {
    process.env.FEED_WEBHOOK_SECRET = SECRET
    resetSettingsForTests()
  })
  afterAll(() => {
    delete process.env.FEED_WEBHOOK_SECRET
    resetSettingsForTests()
  })
  beforeEach(syncFive)

  it('applies a signed update to the offer only, once, and answers a delivery sent again the same way', async () => {
    const before = await stored()
    const raw = event({ sale_price: '39.00 EUR', availability: 'out_of_stock' })
    const first = await post(raw)
    expect(first.status).toBe(200)
    const body = await first.json()
    expect(body).toEqual({
      applied: true,
      product: {
        sku: 'FEED-00002',
        priceCents: 4200,
        salePriceCents: 3900,
        currency: 'EUR',
        availability: 'OUT_OF_STOCK',
      },
    })
    const after = await stored()
    expect(after).toMatchObject({ priceCents: 4200, salePriceCents: 3900, version: before.version, name: before.name })
    expect(after.offerUpdatedAt.getTime()).toBeGreaterThan(before.offerUpdatedAt.getTime())
    // Changed since by a sync: the same delivery again is answered as before and applies nothing.
    await prisma().product.update({ where: { sku: 'FEED-00002' }, data: { priceCents: 5000, salePriceCents: null } })
    const again = await post(raw)
    expect(again.status).toBe(200)
    expect(again.headers.get('x-feed-event-replayed')).toBe('true')
    expect(await again.json()).toEqual(body)
    expect(await stored()).toMatchObject({ priceCents: 5000, salePriceCents: null })
  })

  it('applies two deliveries of one event at the same moment once', async () => {
    const raw = event({ price: '77.00 EUR' })
    const answers = await Promise.all([post(raw), post(raw)])
    expect(answers.map((answer) => answer.status)).toEqual([200, 200])
    expect(answers.filter((answer) => answer.headers.get('x-feed-event-replayed') === 'true')).toHaveLength(1)
    expect(await prisma().feedEvent.count({ where: { id: JSON.parse(raw).id as string } })).toBe(1)
  })

  it('refuses what is not signed with the secret, or sent more than 5 minutes from now', async () => {
    const before = await stored()
    const raw = event()
    for (const [signature, why] of [
      [null, 'no signature'],
      [sign(raw, 'another-secret-0123456789'), 'another secret'],
      [sign(raw.replace('42.00', '1.00')), 'a signature of another body'],
      ['sha256=xyz', 'not hex'],
    ] as const) {
      const refused = await post(raw, signature)
      expect(refused.status, why).toBe(401)
      expect((await refused.json()).error).toMatch(/^The signature does not match/)
    }
    for (const timestamp of [now() - 301, now() + 301]) {
      const refused = await post(event({ timestamp }))
      expect(refused.status).toBe(401)
      expect((await refused.json()).error).toMatch(/events older than 5 minutes are refused/)
    }
    expect(await stored()).toEqual(before)
    expect(await prisma().feedEvent.count()).toBe(0)
  })

  it('answers bad events with a 4xx that says why, and an unknown SKU the same way again', async () => {
    const before = await stored()
    const answer = async (raw: string, contentType?: string) => {
      const response = await post(raw, sign(raw), contentType)
      return [response.status, ((await response.json()) as { error: string }).error] as const
    }
    expect(await answer(event({ price: 'cheap' }))).toEqual([
      422,
      'The update was refused: its price "cheap" is not an amount with a currency, like 29.00 EUR.',
    ])
    expect(await answer(event({ sale_price: '50.00 EUR' }))).toEqual([422, 'The sale price is not below the price.'])
    expect((await answer(event({ price: undefined })))[0]).toBe(400)
    expect((await answer(event(), 'text/plain'))[0]).toBe(400)
    expect((await answer('{"id":'))[0]).toBe(400)
    const unknown = event({ sku: 'NO-SUCH-SKU' })
    expect(await answer(unknown)).toEqual([
      404,
      'No product has the SKU NO-SUCH-SKU: an update changes a product the feed listed.',
    ])
    expect(await answer(unknown)).toEqual([
      404,
      'No product has the SKU NO-SUCH-SKU: an update changes a product the feed listed.',
    ])
    expect(await stored()).toEqual(before)
  })
})
