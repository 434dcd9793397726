// The shopper on a phone (390 px), as the production server and Chromium show it: live prices on
// every product card (one offers request, never in the cached HTML), filters and sort in a sheet
// instead of the first screen, and sold-out pieces that say so instead of offering the shop.
// Registered from site.test.ts so that it shares its server.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { browserAvailable, PHONE_SCREEN as PHONE, SCREENSHOTS, settle, type SuiteContext } from '../support/browser'

const euros = (cents: number) =>
  new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }).format(cents / 100)

export function phoneJourneySuite(context: SuiteContext) {
  describe('on a phone', () => {
    it.runIf(browserAvailable())(
      'shows every product card with its live price and VAT note, loaded in one request, and marks what is sold out',
      { timeout: 60_000 },
      async () => {
        const { server, browser } = context()
        const html = await (await fetch(`${server.url}/products?sort=price-asc`)).text()
        expect(html).not.toMatch(/€\d/) // prices are never in the cached page

        const phone = await browser!.newContext(PHONE)
        const page = await phone.newPage()
        const offerRequests: string[] = []
        page.on('request', (request) => request.url().includes('/api/offers') && offerRequests.push(request.url()))
        await settle(page, `${server.url}/products?sort=price-asc`)
        const cards = page.locator('.product-card')
        expect(await cards.count()).toBe(24)
        await page.locator('.product-card .offer .price').nth(23).waitFor()
        expect(offerRequests).toHaveLength(1)
        expect(new URL(offerRequests[0]!).searchParams.getAll('sku')).toHaveLength(24)

        // Each card against the database: its price (the sale price when there is one), the VAT
        // note, and an availability mark only when it is worth a look (sold out, few left, pre-order).
        const slugs = await cards
          .locator('a')
          .evaluateAll((links) =>
            links.map((link) => new URL((link as HTMLAnchorElement).href).pathname.split('/').pop()!),
          )
        const products = await prisma().product.findMany({ where: { slug: { in: slugs } } })
        expect(products).toHaveLength(24)
        for (const [index, slug] of slugs.entries()) {
          const product = products.find((p) => p.slug === slug)!
          const card = cards.nth(index)
          expect(await card.locator('.price').first().textContent(), slug).toBe(
            euros(product.salePriceCents ?? product.priceCents),
          )
          expect(await card.locator('.vat').textContent()).toBe('incl. VAT')
          const marks = await card.locator('.availability').allTextContents()
          if (product.availability === 'IN_STOCK') expect(marks, slug).toEqual([])
          if (product.availability === 'OUT_OF_STOCK') expect(marks, slug).toEqual(['Sold out'])
        }
        // The first card's picture is the phone's largest: never lazy, fetched first.
        const firstImage = cards.first().locator('img')
        expect(await firstImage.getAttribute('loading')).not.toBe('lazy')
        expect(await firstImage.getAttribute('fetchpriority')).toBe('high')
        await page.screenshot({ path: path.join(SCREENSHOTS, 'products-phone.png') })
        await phone.close()
      },
    )

    it.runIf(browserAvailable())(
      'puts filters and sort in a sheet: the products start on the first screen, choices stay open, chips remove them',
      { timeout: 60_000 },
      async () => {
        const { server, browser } = context()
        const phone = await browser!.newContext(PHONE)
        const page = await phone.newPage()
        await settle(page, `${server.url}/products`)
        const gridTop = await page.locator('.product-grid').evaluate((grid) => grid.getBoundingClientRect().top)
        expect(gridTop).toBeLessThan(400) // was 640 with the filters open on the page
        expect(await page.locator('#product-filters').isVisible()).toBe(false)

        const categories = await prisma().product.groupBy({ by: ['category'], where: { active: true }, _count: true })
        const [category] = categories.map((c) => c.category).sort()
        const inCategory = categories.find((c) => c.category === category)!._count
        await page.getByRole('button', { name: 'Filter and sort' }).click()
        const sheet = page.locator('#product-filters')
        await sheet.waitFor({ state: 'visible' })
        await page.screenshot({ path: path.join(SCREENSHOTS, 'products-filter-sheet-phone.png') })
        await sheet.getByRole('link', { name: new RegExp(`^${category} \\(`) }).click()
        await page.waitForURL((url) => url.searchParams.get('category') === category)
        // The sheet opens again on the filtered page, with the new count on its button.
        const show = page.getByRole('button', { name: `Show ${inCategory} pieces` })
        await show.waitFor({ state: 'visible' })
        await show.click()
        await sheet.waitFor({ state: 'hidden' })
        expect(await page.locator('.lede').textContent()).toContain(`${inCategory} pieces matching your filters`)
        await page.getByRole('button', { name: 'Filter and sort (1)' }).waitFor()

        const chip = page.getByRole('link', { name: `Remove filter Category: ${category}` })
        await chip.click()
        await page.waitForURL((url) => !url.searchParams.has('category'))
        await page.getByRole('link', { name: /^Remove filter/ }).waitFor({ state: 'detached' })
        await phone.close()

        // The sheet is HTML's own popover: it opens without JavaScript too.
        const noScript = await browser!.newContext({ ...PHONE, javaScriptEnabled: false })
        const plain = await noScript.newPage()
        await plain.goto(`${server.url}/products`)
        await plain.getByRole('button', { name: 'Filter and sort' }).click()
        await plain.locator('#product-filters').waitFor({ state: 'visible' })
        await noScript.close()
      },
    )

    it.runIf(browserAvailable())(
      'shows a sold-out piece of a look as sold out, without the shop button',
      { timeout: 60_000 },
      async () => {
        const { server, browser } = context()
        const outfit = await prisma().outfit.findFirstOrThrow({
          where: { published: true, items: { some: { product: { availability: 'OUT_OF_STOCK', active: true } } } },
          orderBy: { slug: 'asc' },
          include: { items: { orderBy: { position: 'asc' }, include: { product: true } } },
        })
        const phone = await browser!.newContext(PHONE)
        const page = await phone.newPage()
        await settle(page, `${server.url}/outfits/${outfit.slug}`)
        for (const [index, item] of outfit.items.entries()) {
          const piece = page.locator(`#piece-${index + 1}`)
          await piece.locator('.offer .price').waitFor()
          const soldOut = item.product.availability === 'OUT_OF_STOCK'
          expect(await piece.getByRole('link', { name: 'Buy at the shop' }).count(), item.product.sku).toBe(
            soldOut ? 0 : 1,
          )
          if (soldOut) expect(await piece.locator('.button-sold-out').textContent()).toBe('Sold out')
        }
        await page.screenshot({ path: path.join(SCREENSHOTS, 'outfit-sold-out-phone.png'), fullPage: true })
        await phone.close()
      },
    )

    it.runIf(browserAvailable())(
      'gives the landing page a strip of idols that shows it scrolls, and targets a thumb can hit',
      { timeout: 60_000 },
      async () => {
        const { server, browser } = context()
        const phone = await browser!.newContext(PHONE)
        const page = await phone.newPage()
        await settle(page, `${server.url}/`)
        const strip = await page.locator('.idol-strip').evaluate((list) => {
          const box = list.getBoundingClientRect()
          const cards = [...list.children].map((card) => card.getBoundingClientRect())
          const cut = cards.find((card) => card.left < box.right && card.right > box.right)
          return {
            cutShows: cut ? (box.right - cut.left) / cut.width : null,
            scrolls: list.scrollWidth > list.clientWidth,
          }
        })
        expect(strip.scrolls).toBe(true)
        expect(strip.cutShows).toBeGreaterThan(0.25) // a good part of the next idol peeks in
        expect(strip.cutShows).toBeLessThan(0.75)
        const more = await page.getByRole('link', { name: 'All outfits →' }).boundingBox()
        expect(more!.height).toBeGreaterThanOrEqual(48)
        const hero = page.locator('.hero-figure img')
        expect(await hero.getAttribute('fetchpriority')).toBe('high')
        expect(await hero.getAttribute('loading')).not.toBe('lazy')
        await phone.close()
      },
    )
  })
}
