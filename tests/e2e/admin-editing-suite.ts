// Editing in the admin, in a browser on the production build: an edit shows on the public page at
// once, stale and signed-out saves are refused, drafts preview for editors only, pieces and
// comments are edited in bulk. Registered from site.test.ts so that it shares its server.
import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { prisma } from '@/lib/db/client'
import { targetsOfComments } from '@/lib/data/reactions'
import { browserAvailable, loadLazyImages, SCREENSHOTS, settle, type SuiteContext } from '../support/browser'
import { signInAsDemoEditor } from '../support/admin-session'

export function adminEditingSuite(context: SuiteContext) {
  describe('editing', () => {
    it.runIf(browserAvailable())(
      'shows an outfit edit on the public page at once, refuses stale saves and signed-out saves',
      async () => {
        const { server, browser } = context()
        const outfit = await prisma().outfit.findFirstOrThrow({ where: { published: true }, orderBy: { slug: 'desc' } })
        const publicUrl = `${server.url}/outfits/${outfit.slug}`
        await fetch(publicUrl)
        expect((await fetch(publicUrl)).headers.get('x-lookbook-cache')).toBe('HIT') // cached for 300 s

        const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
        await signInAsDemoEditor(page, server.url)
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-dashboard.png'), fullPage: true })
        await page.goto(`${server.url}/admin/outfits`)
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-outfits.png'), fullPage: true })
        await page.getByRole('link', { name: outfit.title, exact: true }).first().click()
        await page.waitForURL(`${server.url}/admin/outfits/${outfit.id}`)

        // A second editor opens the same outfit before the first one saves.
        const other = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
        await signInAsDemoEditor(other, server.url)
        await settle(other, `${server.url}/admin/outfits/${outfit.id}`)

        const title = `${outfit.title} (edited ${Date.now() % 100000})`
        await page.getByLabel('Title').fill(title)
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await page.getByText('Saved. The public pages show it now.').waitFor()
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-outfit-saved.png'), fullPage: true })

        const after = await fetch(publicUrl)
        expect(await after.text()).toContain(title)
        expect((await (await fetch(`${server.url}/api/outfits/${outfit.slug}`)).json()).title).toBe(title)

        await other.getByLabel('Title').fill('A stale edit')
        await other.getByRole('button', { name: 'Save', exact: true }).click()
        await other.getByText(/Someone else saved this outfit after you opened it/).waitFor()
        await other.getByRole('region', { name: 'The other version' }).getByText(title).waitFor()
        await expect(other.getByLabel('Title').inputValue()).resolves.toBe('A stale edit') // the typing is kept
        await other.screenshot({ path: path.join(SCREENSHOTS, 'admin-outfit-conflict.png'), fullPage: true })
        expect((await prisma().outfit.findUniqueOrThrow({ where: { id: outfit.id } })).title).toBe(title)

        // Signed out elsewhere (session revoked): the action checks the session itself.
        await prisma().session.updateMany({ where: { revokedAt: null }, data: { revokedAt: new Date() } })
        await page.getByLabel('Title').fill('Saved without a session')
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await page.getByText('Please sign in again.').waitFor()
        expect((await prisma().outfit.findUniqueOrThrow({ where: { id: outfit.id } })).title).toBe(title)
        expect(await prisma().auditEvent.count({ where: { entityId: outfit.id, action: 'outfit.update' } })).toBe(1)
        await page.close()
        await other.close()
      },
      90_000,
    )

    it.runIf(browserAvailable())(
      'composes a look: adds a product with the picker, places its hotspot, and the public page shows it',
      { timeout: 90_000 },
      async () => {
        const { server, browser } = context()
        expect((await fetch(`${server.url}/api/admin/products?q=coat`)).status).toBe(401)
        const outfit = await prisma().outfit.findFirstOrThrow({
          where: { published: true, coverId: { not: null } },
          orderBy: { slug: 'asc' },
          include: { items: true },
        })
        const product = await prisma().product.findFirstOrThrow({
          where: { active: true, id: { notIn: outfit.items.map((item) => item.productId) } },
          orderBy: { sku: 'asc' },
        })
        const publicUrl = `${server.url}/outfits/${outfit.slug}`
        await fetch(publicUrl) // cached before the edit

        const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } })
        await signInAsDemoEditor(page, server.url)
        await settle(page, `${server.url}/admin/outfits/${outfit.id}`)
        await page.getByRole('searchbox').fill(product.sku)
        await page.getByRole('button', { name: new RegExp(`Add .*${product.name}`) }).click()
        await page.locator('.cover-canvas').click({ position: { x: 120, y: 200 } })
        await page.getByRole('button', { name: 'Save pieces' }).click()
        await page.getByText('Pieces saved. The public page shows them now.').waitFor()
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-outfit-pieces.png'), fullPage: true })

        const saved = await prisma().outfitItem.findFirstOrThrow({
          where: { outfitId: outfit.id, productId: product.id },
        })
        expect(saved.position).toBe(outfit.items.length)
        expect(saved.hotspotX).toBeGreaterThan(0)
        expect(saved.hotspotY).toBeGreaterThan(0)
        const html = await (await fetch(publicUrl)).text()
        expect(html).toContain(product.name)
        expect(html.match(/class="hotspot"/g)?.length).toBe(
          outfit.items.filter((item) => item.hotspotX !== null).length + 1,
        )
        await page.close()
      },
    )

    it.runIf(browserAvailable())('previews a draft outfit for editors only', { timeout: 90_000 }, async () => {
      const { server, browser } = context()
      const idol = await prisma().idol.findFirstOrThrow({ where: { published: true } })
      const draft = await prisma().outfit.create({
        data: { slug: `draft-${Date.now()}`, title: 'Secret Winter Look', idolId: idol.id, published: false },
      })
      const anonymous = await fetch(`${server.url}/outfits/${draft.slug}`)
      expect(anonymous.status).toBe(404)
      expect((await fetch(`${server.url}/api/admin/preview?outfit=${draft.id}`, { redirect: 'manual' })).status).toBe(
        401,
      )

      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
      await signInAsDemoEditor(page, server.url)
      await page.goto(`${server.url}/api/admin/preview?outfit=${draft.id}`)
      await page.waitForURL(`${server.url}/outfits/${draft.slug}`)
      await page.getByRole('heading', { name: 'Secret Winter Look' }).waitFor()
      await page.getByText(/Draft preview: shoppers do not see this page/).waitFor()
      await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-draft-preview.png'), fullPage: true })
      // The preview was not cached for shoppers.
      const after = await fetch(`${server.url}/outfits/${draft.slug}`)
      expect(after.status).toBe(404)
      expect(await after.text()).not.toContain('Secret Winter Look')
      await page.close()
    })

    it.runIf(browserAvailable())(
      'creates a draft outfit and deletes it after confirming',
      { timeout: 90_000 },
      async () => {
        const { server, browser } = context()
        const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
        await signInAsDemoEditor(page, server.url)
        await settle(page, `${server.url}/admin/outfits/new`)
        await page.getByRole('button', { name: 'Create draft' }).click()
        await page.getByText('Give the outfit a title (2–120 characters).').waitFor()
        await page.getByText('Choose the idol who wears it.').waitFor()
        await page.getByLabel('Title').fill('Polar Night')
        await page.getByLabel('Idol').selectOption({ index: 1 })
        await page.getByRole('button', { name: 'Create draft' }).click()
        await page.waitForURL(/\/admin\/outfits\/(?!new)[^/]+$/)
        await page.getByRole('heading', { name: 'Polar Night' }).waitFor()
        const created = await prisma().outfit.findFirstOrThrow({ where: { title: 'Polar Night' } })
        expect(created.published).toBe(false)
        expect((await fetch(`${server.url}/outfits/${created.slug}`)).status).toBe(404)

        // Dismissed: the form is not sent (the click handler refuses it before any request).
        const posts: string[] = []
        const countPost = (request: { method(): string; url(): string }) => {
          if (request.method() === 'POST') posts.push(request.url())
        }
        page.on('request', countPost)
        const dismissed = page.waitForEvent('dialog').then((dialog) => dialog.dismiss())
        await page.getByRole('button', { name: 'Delete this outfit' }).click()
        await dismissed
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve))) // a frame later
        page.off('request', countPost)
        expect(posts).toEqual([])
        expect(await prisma().outfit.count({ where: { id: created.id } })).toBe(1)
        page.once('dialog', (dialog) => void dialog.accept())
        await page.getByRole('button', { name: 'Delete this outfit' }).click()
        await page.waitForURL(`${server.url}/admin/outfits?deleted=1`)
        await page.getByText('The outfit was deleted.').waitFor()
        expect(await prisma().outfit.count({ where: { id: created.id } })).toBe(0)
        await page.close()
      },
    )

    it.runIf(browserAvailable())(
      'edits an idol and a shot caption and shows them on the public pages at once; refuses to delete an idol who wears outfits',
      { timeout: 120_000 },
      async () => {
        const { server, browser } = context()
        const idol = await prisma().idol.findFirstOrThrow({
          where: { published: true, outfits: { some: {} } },
          orderBy: { slug: 'asc' },
          include: { _count: { select: { outfits: true } } },
        })
        const idolUrl = `${server.url}/idols/${idol.slug}`
        await fetch(idolUrl)
        expect((await fetch(idolUrl)).headers.get('x-lookbook-cache')).toBe('HIT') // cached for 300 s

        const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
        await signInAsDemoEditor(page, server.url)
        await settle(page, `${server.url}/admin/idols`)
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-idols.png'), fullPage: true })
        await page.getByRole('link', { name: idol.name, exact: true }).click()
        await page.waitForURL(`${server.url}/admin/idols/${idol.id}`)
        const name = `${idol.name} (edited ${Date.now() % 100000})`
        await page.getByLabel('Name', { exact: true }).fill(name)
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await page.getByText('Saved. The public pages show it now.').waitFor()
        await page.getByRole('heading', { level: 1, name }).waitFor() // the page reloaded its data
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-idol-saved.png'), fullPage: true })
        expect(await (await fetch(idolUrl)).text()).toContain(name)
        expect((await (await fetch(`${server.url}/api/idols/${idol.slug}`)).json()).name).toBe(name)

        page.once('dialog', (dialog) => void dialog.accept())
        await page.getByRole('button', { name: 'Delete this idol' }).click()
        await page.getByText(`This idol still wears ${idol._count.outfits} outfits.`, { exact: false }).waitFor()
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-idol-delete-refused.png'), fullPage: true })
        expect(await prisma().idol.count({ where: { id: idol.id } })).toBe(1)

        const shot = await prisma().shot.findFirstOrThrow({ where: { published: true }, orderBy: { position: 'asc' } })
        await fetch(`${server.url}/shots`) // cached before the edit
        await settle(page, `${server.url}/admin/shots`)
        await loadLazyImages(page)
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-shots.png'), fullPage: true })
        await settle(page, `${server.url}/admin/shots/${shot.id}`)
        const caption = `Between takes ${Date.now() % 100000}`
        await page.getByLabel('Caption').fill(caption)
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await page.getByText('Saved. The public pages show it now.').waitFor()
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-shot-saved.png'), fullPage: true })
        expect(await (await fetch(`${server.url}/shots`)).text()).toContain(caption)
        await page.close()
      },
    )

    it.runIf(browserAvailable())(
      'edits social posts and products (editorial fields only), with field errors next to the fields',
      { timeout: 120_000 },
      async () => {
        const { server, browser } = context()
        const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
        await signInAsDemoEditor(page, server.url)
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-dashboard-content.png'), fullPage: true })

        await settle(page, `${server.url}/admin/socials/new`)
        await page.getByLabel('Address of the post').fill('http://insecure.example.com/post')
        await page.getByRole('button', { name: 'Add post' }).click()
        await page.getByText('Use the post’s full https:// address.').waitFor()
        await page.getByText('Choose the network.').waitFor()
        await expect(page.getByLabel('Address of the post').inputValue()).resolves.toBe(
          'http://insecure.example.com/post',
        ) // the typing is kept
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-social-new-errors.png'), fullPage: true })
        await settle(page, `${server.url}/admin/socials`)
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-socials.png'), fullPage: true })
        const social = await prisma().social.findFirstOrThrow({
          orderBy: [{ approved: 'asc' }, { postedAt: 'desc' }, { id: 'asc' }],
        })
        await settle(page, `${server.url}/admin/socials/${social.id}`)
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-social-edit.png'), fullPage: true })

        for (const [name, url] of [
          ['admin-idol-new', '/admin/idols/new'],
          ['admin-shot-new', '/admin/shots/new'],
        ]) {
          await settle(page, `${server.url}${url}`)
          await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
        }

        const product = await prisma().product.findFirstOrThrow({ where: { active: true }, orderBy: { sku: 'asc' } })
        await settle(page, `${server.url}/admin/products?q=${encodeURIComponent(product.brand)}`)
        await loadLazyImages(page, 10_000)
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-products.png'), fullPage: true })
        await page.getByRole('link', { name: product.name, exact: true }).first().waitFor()
        await settle(page, `${server.url}/admin/products/${product.id}`)
        const description = `Seen in the campaign ${Date.now() % 100000}.`
        await page.getByLabel('Description').fill(description)
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await page.getByText('Saved. The public pages show it now.').waitFor()
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-product-saved.png'), fullPage: true })
        expect(await (await fetch(`${server.url}/products/${product.slug}`)).text()).toContain(description)
        expect(await prisma().product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
          sku: product.sku,
          priceCents: product.priceCents,
          availability: product.availability,
        })
        await page.close()
      },
    )

    it.runIf(browserAvailable())('moderates comments in bulk', { timeout: 90_000 }, async () => {
      const { server, browser } = context()
      const pending = await prisma().comment.findMany({ where: { status: 'PENDING' }, take: 2 })
      expect(pending.length).toBe(2)
      // Their records' shared reactions answers, kept in the front cache before the decision.
      const reactionUrls = (await targetsOfComments(pending.map((comment) => comment.id))).map(
        ({ type, slug }) => `${server.url}/api/reactions/${type}/${slug}`,
      )
      for (const url of reactionUrls) {
        await fetch(url)
        expect((await fetch(url)).headers.get('x-lookbook-cache')).toBe('HIT')
      }
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
      await signInAsDemoEditor(page, server.url)
      await settle(page, `${server.url}/admin/comments?status=pending`)
      for (const comment of pending) await page.locator(`input[value^="${comment.id}:"]`).check()
      await page.getByRole('button', { name: 'Approve' }).click()
      await page.getByText('2 comments approved.').waitFor()
      await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-comments.png'), fullPage: true })
      const statuses = await prisma().comment.findMany({
        where: { id: { in: pending.map((c) => c.id) } },
        select: { status: true },
      })
      expect(statuses.map((s) => s.status)).toEqual(['PUBLISHED', 'PUBLISHED'])
      // Approved comments show on the next view, not after the answers' few seconds.
      const shown = await Promise.all(
        reactionUrls.map(async (url) => ((await (await fetch(url)).json()) as { comments: { id: string }[] }).comments),
      )
      for (const comment of pending) expect(shown.flat().map(({ id }) => id)).toContain(comment.id)
      await page.close()
    })
  })
}
