// A visitor from a Facebook post, as the production server answers them: the link preview every
// app's crawler reads (metadata inside <head>, a 1200×630 picture), the share control, and the shop
// click counted on its way to the shop. Registered from site.test.ts so that it shares its server.
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { SKU_RULE } from '@/lib/http/offers-query'
import {
  browserAvailable,
  IN_APP_PHONE_AGENT as PHONE,
  PHONE_SCREEN,
  SCREENSHOTS,
  settle,
  type SuiteContext,
} from '../support/browser'

const PREVIEW_CRAWLERS = {
  facebook: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'meta-externalagent': 'meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)',
  'meta-externalfetcher': 'meta-externalfetcher/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)',
  whatsapp: 'WhatsApp/2.23.20.0 A',
  twitter: 'Twitterbot/1.0',
  linkedin: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  slack: 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  discord: 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  pinterest: 'Pinterest/0.2 (+https://www.pinterest.com/bot.html)',
}

/** The first megabyte of a page, as a crawler that stops reading there gets it. */
async function firstMegabyte(url: string, userAgent: string): Promise<string> {
  const response = await fetch(url, { headers: { 'user-agent': userAgent, 'accept-encoding': 'gzip, br' } })
  expect(response.status, url).toBe(200)
  return (await response.text()).slice(0, 1024 * 1024)
}

const metaIn = (head: string, property: string) =>
  new RegExp(`<meta property="${property}" content="([^"]*)"`).exec(head)?.[1]

async function sharedPages() {
  const outfit = await prisma().outfit.findFirstOrThrow({
    where: { published: true, items: { some: {} }, coverId: { not: null } },
    orderBy: { slug: 'asc' },
    include: { idol: true, items: { orderBy: { position: 'asc' }, include: { product: true } } },
  })
  const product = outfit.items[0]!.product
  return {
    outfit,
    product,
    paths: ['/', `/idols/${outfit.idol.slug}`, `/outfits/${outfit.slug}`, `/products/${product.slug}`],
  }
}

export function facebookJourneySuite(context: SuiteContext) {
  describe('the link preview', () => {
    it('gives every crawler the metadata inside <head>, with absolute addresses and a 1200×630 picture that answers', async () => {
      const { server } = context()
      const { paths } = await sharedPages()
      const pictures = new Set<string>()
      for (const path of paths) {
        for (const [name, agent] of Object.entries(PREVIEW_CRAWLERS)) {
          const html = await firstMegabyte(`${server.url}${path}`, agent)
          const end = html.indexOf('</head>')
          expect(end, `${name} ${path}: </head> in the first megabyte`).toBeGreaterThan(0)
          const head = html.slice(0, end)
          const where = `${name} ${path}`
          const address = path === '/' ? server.url : `${server.url}${path}`
          expect(metaIn(head, 'og:url'), where).toBe(address)
          expect(head, where).toContain(`<link rel="canonical" href="${address}"/>`)
          expect(metaIn(head, 'og:title'), where).toBeTruthy()
          expect(metaIn(head, 'og:description'), where).toBeTruthy()
          const image = metaIn(head, 'og:image')!
          expect(image, where).toMatch(new RegExp(`^${server.url}/share/media/[0-9a-f]{2}/[0-9a-f]{32}\\.jpg$`))
          expect(metaIn(head, 'og:image:width'), where).toBe('1200')
          expect(metaIn(head, 'og:image:height'), where).toBe('630')
          expect(metaIn(head, 'og:image:alt'), where).toBeTruthy()
          expect(head, where).toMatch(/<meta name="twitter:card" content="summary_large_image"/)
          pictures.add(image)
        }
      }
      expect(pictures.size).toBeGreaterThanOrEqual(3)
      for (const url of pictures) {
        const response = await fetch(url, { headers: { 'user-agent': PREVIEW_CRAWLERS.facebook } })
        expect(response.status, url).toBe(200)
        expect(response.headers.get('content-type')).toBe('image/jpeg')
        expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, s-maxage=31536000, immutable')
        const { width, height, format } = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
        expect({ width, height, format }, url).toEqual({ width: 1200, height: 630, format: 'jpeg' })
      }
      expect((await fetch(`${server.url}/share/media/00/${'0'.repeat(32)}.jpg`)).status).toBe(404)
      expect((await fetch(`${server.url}/share/package.json`)).status).toBe(404)
    })

    it('points robots.txt and the sitemap at the address the site is served at', async () => {
      const { server } = context()
      const { outfit } = await sharedPages()
      const robots = await (await fetch(`${server.url}/robots.txt`)).text()
      expect(robots).toContain(`Sitemap: ${server.url}/sitemap.xml`)
      expect(robots).toContain('Disallow: /go/')
      expect(await (await fetch(`${server.url}/sitemap.xml`)).text()).toContain(
        `<loc>${server.url}/outfits/${outfit.slug}</loc>`,
      )
    })
  })

  describe('the shop click', () => {
    it("goes through /go/<sku>, is counted with the visitor's campaign, and reaches the shop with ours", async () => {
      const { server } = context()
      const { outfit, product } = await sharedPages()
      const html = await (await fetch(`${server.url}/outfits/${outfit.slug}`)).text()
      const href = `/go/${product.sku}?from=outfit/${outfit.slug}`
      expect(html).toContain(`href="${href}"`)
      const counted = () =>
        prisma()
          .clickOutCount.aggregate({
            where: { sku: product.sku, fromSlug: outfit.slug, source: 'facebook' },
            _sum: { count: true },
          })
          .then((result) => result._sum.count ?? 0)
      const before = await counted()
      // The visitor arrives from Facebook (the landing redirect keeps the campaign), then clicks.
      const landing = await fetch(
        `${server.url}/outfits/${outfit.slug}?utm_source=facebook&utm_medium=social&fbclid=IwAR9`,
        {
          redirect: 'manual',
        },
      )
      const cookie = landing.headers.get('set-cookie')!.split(';')[0]!
      const go = await fetch(`${server.url}${href}`, { redirect: 'manual', headers: { cookie, 'user-agent': PHONE } })
      expect(go.status).toBe(302)
      expect(go.headers.get('cache-control')).toBe('private, no-store')
      const shop = new URL(go.headers.get('location')!)
      expect(shop.href.startsWith(product.shopUrl.split('?')[0]!)).toBe(true)
      expect(shop.searchParams.get('utm_source')).toBe('lookbook')
      expect(shop.searchParams.get('utm_content')).toBe(`outfit-${outfit.slug}`)
      expect(await counted()).toBe(before + 1)
      // A link-preview crawler following the same link is sent on, not counted.
      await fetch(`${server.url}${href}`, {
        redirect: 'manual',
        headers: { cookie, 'user-agent': PREVIEW_CRAWLERS.facebook },
      })
      expect(await counted()).toBe(before + 1)
      // Nor is a link checker's HEAD.
      const head = await fetch(`${server.url}${href}`, {
        method: 'HEAD',
        redirect: 'manual',
        headers: { cookie, 'user-agent': PHONE },
      })
      expect([head.status, head.headers.get('location')]).toEqual([302, go.headers.get('location')])
      expect(await counted()).toBe(before + 1)
      // An unknown or impossible SKU is refused in words, and nothing is counted.
      const refused = async (path: string) => {
        const answer = await fetch(`${server.url}${path}`, { redirect: 'manual', headers: { 'user-agent': PHONE } })
        return [answer.status, answer.headers.get('cache-control'), ((await answer.json()) as { error: string }).error]
      }
      expect(await refused('/go/NO-SUCH-SKU?from=product/none')).toEqual([
        404,
        'private, no-store',
        'No product has this sku.',
      ])
      expect(await refused(`/go/${encodeURIComponent('no sku!')}`)).toEqual([400, 'private, no-store', SKU_RULE])
      expect(await refused(`/go/${product.sku}?from=cart/x`)).toEqual([
        400,
        'private, no-store',
        expect.stringMatching(/^from names the page/),
      ])
      expect(await counted()).toBe(before + 1)
    })
  })

  describe('the share control', () => {
    it.runIf(browserAvailable())(
      "offers the phone's share sheet where there is one, else copy link and a Facebook share link",
      { timeout: 60_000 },
      async () => {
        const { server, browser } = context()
        const { outfit } = await sharedPages()
        const address = `${server.url}/outfits/${outfit.slug}`

        const desktop = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
        await desktop.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
        const page = await desktop.newPage()
        await settle(page, address)
        const facebook = page.getByRole('link', { name: 'Share on Facebook' })
        expect(await facebook.getAttribute('href')).toBe(
          `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(address)}`,
        )
        await page.getByRole('button', { name: 'Copy link' }).click()
        await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor()
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address)
        await desktop.close()

        const phone = await browser!.newContext({ ...PHONE_SCREEN, userAgent: PHONE })
        // The share sheet is the phone's own; the test stands in for it and records what it was given.
        await phone.addInitScript(() => {
          const shared: ShareData[] = []
          Object.assign(window, { sharedForTest: shared })
          Object.defineProperty(navigator, 'share', { value: async (data: ShareData) => void shared.push(data) })
        })
        const onPhone = await phone.newPage()
        await settle(onPhone, address)
        await onPhone.getByRole('button', { name: 'Share' }).click()
        await onPhone.waitForFunction(
          () => (window as unknown as { sharedForTest: ShareData[] }).sharedForTest.length > 0,
        )
        expect(
          await onPhone.evaluate(() => (window as unknown as { sharedForTest: ShareData[] }).sharedForTest),
        ).toEqual([{ title: `${outfit.title} — ${outfit.idol.name}`, url: address }])
        expect(await onPhone.getByRole('link', { name: 'Share on Facebook' }).count()).toBe(0)
        await onPhone.screenshot({ path: path.join(SCREENSHOTS, 'outfit-share-phone.png') })
        await phone.close()

        // Without JavaScript the Facebook link alone is there, and works as a link.
        const noScript = await browser!.newContext({ javaScriptEnabled: false })
        const plain = await noScript.newPage()
        await plain.goto(address)
        expect(await plain.getByRole('link', { name: 'Share on Facebook' }).count()).toBe(1)
        expect(await plain.getByRole('button', { name: 'Copy link' }).count()).toBe(0)
        await noScript.close()
      },
    )
  })
}
