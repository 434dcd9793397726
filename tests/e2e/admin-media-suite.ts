// The editor's main job end to end, in Chromium on the production build: upload a cover, create an
// outfit from three products with hotspots, publish it — and the public page shows it at once.
// Registered from site.test.ts so that it shares its server.
import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { sizedKeyOf } from '@/lib/storage/keys'
import sharp from 'sharp'
import { prisma } from '@/lib/db/client'
import { browserAvailable, loadLazyImages, SCREENSHOTS, settle, type SuiteContext } from '../support/browser'
import { signInAsDemoEditor } from '../support/admin-session'

/** A portrait-shaped test picture with a gradient, so screenshots show where hotspots sit. */
async function coverImage(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#d9b99b"/><stop offset="1" stop-color="#5b3a29"/></linearGradient></defs><rect width="600" height="800" fill="url(#g)"/><circle cx="300" cy="210" r="90" fill="#f3dfcf"/><rect x="180" y="320" width="240" height="330" rx="40" fill="#7a1f2b"/></svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer()
}

export function adminMediaSuite(context: SuiteContext) {
  describe('media and composing a new look', () => {
    it('refuses uploads without a session', async () => {
      const { server } = context()
      const started = await fetch(`${server.url}/api/admin/uploads`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'a.png', type: 'image/png', bytes: 10 }),
      })
      expect(started.status).toBe(401)
      const put = await fetch(`${server.url}/api/admin/uploads/${'a'.repeat(32)}`, { method: 'PUT', body: 'x' })
      expect(put.status).toBe(401)
      const completed = await fetch(`${server.url}/api/admin/uploads/${'a'.repeat(32)}/complete`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      })
      expect(completed.status).toBe(401)
    })

    it.runIf(browserAvailable())(
      'uploads a cover, composes a look from three products with hotspots, publishes it, and the public page shows it at once',
      { timeout: 150_000 },
      async () => {
        const { server, browser } = context()
        const idol = await prisma().idol.findFirstOrThrow({ where: { published: true }, orderBy: { name: 'asc' } })
        const products = await prisma().product.findMany({ where: { active: true }, orderBy: { sku: 'desc' }, take: 3 })
        const title = `Aurora Gala ${Date.now() % 100000}`
        const mediaBefore = await prisma().media.count()

        const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } })
        await signInAsDemoEditor(page, server.url)
        await settle(page, `${server.url}/admin/outfits/new`)
        await page.getByLabel('Title').fill(title)
        await page.getByLabel('Idol').selectOption({ label: idol.name })
        await page.getByRole('button', { name: 'Create draft' }).click()
        await page.waitForURL(/\/admin\/outfits\/(?!new)[^/]+$/)
        await page.getByRole('heading', { name: title }).waitFor()
        const outfit = await prisma().outfit.findFirstOrThrow({ where: { title } })
        expect((await fetch(`${server.url}/outfits/${outfit.slug}`)).status).toBe(404) // a draft

        // The cover: uploaded from the outfit's own form, and chosen at once.
        await page
          .getByLabel('Upload a new cover: choose files')
          .setInputFiles({ name: 'gala-cover.jpg', mimeType: 'image/jpeg', buffer: await coverImage() })
        await page.getByText('Uploaded (600×800)').waitFor()
        expect(await prisma().media.count()).toBe(mediaBefore + 1)
        const cover = await prisma().media.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })
        await expect(page.locator(`input[name="coverId"][value="${cover.id}"]`).isChecked()).resolves.toBe(true)
        await page.getByLabel('Published', { exact: true }).check()
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await page.getByText('Saved. The public pages show it now.').waitFor()
        await page.locator('.cover-canvas img').waitFor() // the pieces editor now works on the new cover

        // Three pieces from the picker, each placed on the cover by a click.
        const spots = [
          { x: 150, y: 120 },
          { x: 210, y: 260 },
          { x: 120, y: 420 },
        ]
        for (const [index, product] of products.entries()) {
          await page.getByRole('searchbox').fill(product.sku)
          await page.getByRole('button', { name: new RegExp(`Add .*${escape(product.name)}`) }).click()
          await page.getByText(`Click on the cover to place piece ${index + 1}.`).waitFor()
          await page.locator('.cover-canvas').click({ position: spots[index]! })
        }
        // The last piece goes first: two moves up.
        await page.getByRole('button', { name: `Move ${products[2]!.name} up` }).click()
        await page.getByRole('button', { name: `Move ${products[2]!.name} up` }).click()
        await page.getByRole('button', { name: 'Save pieces' }).click()
        await page.getByText('Pieces saved. The public page shows them now.').waitFor()
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-new-look.png'), fullPage: true })

        const ordered = [products[2]!, products[0]!, products[1]!]
        const items = await prisma().outfitItem.findMany({
          where: { outfitId: outfit.id },
          orderBy: { position: 'asc' },
        })
        expect(items.map((item) => item.productId)).toEqual(ordered.map((product) => product.id))
        for (const item of items) {
          expect(item.hotspotX).toBeGreaterThan(0)
          expect(item.hotspotY).toBeGreaterThan(0)
        }
        expect(await prisma().outfit.findUniqueOrThrow({ where: { id: outfit.id } })).toMatchObject({
          published: true,
          coverId: cover.id,
          idolId: idol.id,
        })

        // Shoppers see it on the very next request: the page, its hotspots and the new cover.
        const response = await fetch(`${server.url}/outfits/${outfit.slug}`)
        expect(response.status).toBe(200)
        const html = await response.text()
        expect(html).toContain(title)
        const positions = ordered.map((product) => html.indexOf(escapeHtml(product.name)))
        for (const position of positions) expect(position).toBeGreaterThan(-1)
        expect([...positions].sort((a, b) => a - b)).toEqual(positions) // in the editor's order
        expect(html.match(/class="hotspot"/g)?.length).toBe(3)
        // The new cover, and the sizes made of it at upload.
        expect(html).toContain(`src="/${cover.key}"`)
        expect(html).toContain(sizedKeyOf(`/${cover.key}`, cover.sizedWidths.at(-1)!, 'avif'))
        expect(await (await fetch(`${server.url}/idols/${idol.slug}`)).text()).toContain(title)
        const shopper = await browser!.newPage({ viewport: { width: 390, height: 844 } })
        await settle(shopper, `${server.url}/outfits/${outfit.slug}`)
        await shopper.screenshot({ path: path.join(SCREENSHOTS, 'public-new-look-phone.png'), fullPage: true })
        await shopper.close()

        // The library shows where the cover is used and will not delete it.
        await settle(page, `${server.url}/admin/media/${cover.id}`)
        await page.getByRole('link', { name: title }).waitFor()
        await expect(page.getByRole('button', { name: 'Delete this image' }).isDisabled()).resolves.toBe(true)
        await page.getByLabel(/Alt text/).fill('A red gala dress on a warm background')
        await page.getByRole('button', { name: 'Save alt text' }).click()
        await page.getByText('Saved. Every page that shows this image uses the new text now.').waitFor()
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-media-detail.png'), fullPage: true })
        expect(await (await fetch(`${server.url}/outfits/${outfit.slug}`)).text()).toContain(
          'A red gala dress on a warm background',
        )

        // The audit log has the upload and the alt text, with what changed.
        await settle(page, `${server.url}/admin/audit`)
        await page.getByLabel('Records').selectOption('Media')
        await page.getByRole('button', { name: 'Show' }).click()
        await page.waitForURL(/entity=Media/)
        const altRow = page.getByRole('row').filter({ hasText: 'media.alt' }).first()
        await altRow.getByText('A red gala dress on a warm background').waitFor()
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-audit.png'), fullPage: true })
        await page.close()
      },
    )

    it.runIf(browserAvailable())(
      "schedules a publication in the editor's own time zone, whatever the server's",
      { timeout: 90_000 },
      async () => {
        const { server, browser } = context()
        const outfit = await prisma().outfit.findFirstOrThrow({
          where: { published: true },
          orderBy: { slug: 'desc' },
          skip: 1,
        })
        const berlin = await browser!.newContext({
          timezoneId: 'Europe/Berlin',
          viewport: { width: 1280, height: 1000 },
        })
        const page = await berlin.newPage()
        await signInAsDemoEditor(page, server.url)
        await settle(page, `${server.url}/admin/outfits/${outfit.id}`)
        await page.getByText('(Europe/Berlin time)').waitFor()
        await page.getByLabel('Publish at').fill('2027-01-15T09:00')
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await page.getByText('Saved. The public pages show it now.').waitFor()
        // 09:00 in Berlin in January is 08:00 UTC; the server (UTC here) does not shift it.
        expect((await prisma().outfit.findUniqueOrThrow({ where: { id: outfit.id } })).publishedAt?.toISOString()).toBe(
          '2027-01-15T08:00:00.000Z',
        )
        await settle(page, `${server.url}/admin/outfits/${outfit.id}`)
        await expect(page.getByLabel('Publish at').inputValue()).resolves.toBe('2027-01-15T09:00')
        // Scheduled: not public yet.
        expect((await fetch(`${server.url}/outfits/${outfit.slug}`)).status).toBe(404)
        await page.getByLabel('Publish at').fill('')
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await page.getByText('Saved. The public pages show it now.').waitFor()
        expect((await fetch(`${server.url}/outfits/${outfit.slug}`)).status).toBe(200)
        await berlin.close()
      },
    )

    it.runIf(browserAvailable())(
      'takes dropped files in the library, and says why a file is refused',
      { timeout: 90_000 },
      async () => {
        const { server, browser } = context()
        const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
        await signInAsDemoEditor(page, server.url)
        await settle(page, `${server.url}/admin/media`)
        const before = await prisma().media.count()
        const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#2f5d62' } })
          .png()
          .toBuffer()
        // A real drop event carrying two files: one image, one text file dressed up as an image.
        const dataTransfer = await page.evaluateHandle(
          ({ image }) => {
            const transfer = new DataTransfer()
            transfer.items.add(new File([Uint8Array.from(image)], 'teal.png', { type: 'image/png' }))
            transfer.items.add(new File(['just text'], 'fake.png', { type: 'image/png' }))
            return transfer
          },
          { image: [...png] },
        )
        await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer })
        await page.getByText('Uploaded (320×240)').waitFor()
        await page.getByText(/This file is not a JPEG, PNG, WebP or AVIF image/).waitFor()
        expect(await prisma().media.count()).toBe(before + 1)
        // The library, refreshed, shows the new image first, really loaded from storage.
        await page.waitForFunction(() => {
          const first = document.querySelector<HTMLImageElement>('.media-grid img')
          return first?.complete && first.naturalWidth === 320
        })
        await loadLazyImages(page)
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-media-library.png'), fullPage: true })

        // The unused image can be deleted, after confirming.
        const teal = await prisma().media.findFirstOrThrow({ where: { width: 320, height: 240 } })
        await settle(page, `${server.url}/admin/media/${teal.id}`)
        page.once('dialog', (dialog) => void dialog.accept())
        await page.getByRole('button', { name: 'Delete this image' }).click()
        await page.waitForURL(`${server.url}/admin/media?deleted=1`)
        expect(await prisma().media.count({ where: { id: teal.id } })).toBe(0)
        expect((await fetch(`${server.url}/${teal.key}`)).status).toBe(404)
        await page.close()
      },
    )
  })
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')
