// The Impressum and privacy policy German law asks for: linked from every page's footer, written by
// admins in Markdown in the admin, each save kept as a revision and audited, shown at once.
// Registered from site.test.ts so that it shares its server.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { browserAvailable, SCREENSHOTS, settle, type SuiteContext } from '../support/browser'
import { signInAsDemoEditor } from '../support/admin-session'

export function legalPagesSuite(context: SuiteContext) {
  describe('the legal pages', () => {
    it("are linked from every page's footer and answer with the text the admins wrote", async () => {
      const { server } = context()
      const outfit = await prisma().outfit.findFirstOrThrow({ where: { published: true } })
      for (const path of ['/', `/outfits/${outfit.slug}`, '/products', '/no-such-page']) {
        const html = await (await fetch(`${server.url}${path}`)).text()
        expect(html, path).toContain('href="/impressum"')
        expect(html, path).toContain('href="/datenschutz"')
        expect(html, path).toContain('All prices include VAT')
      }
      for (const id of ['impressum', 'datenschutz']) {
        const stored = await prisma().legalPage.findUniqueOrThrow({ where: { id } })
        const response = await fetch(`${server.url}/${id}`)
        expect(response.status).toBe(200)
        const html = await response.text()
        expect(html).toContain(`<h1>${stored.title}</h1>`)
        expect(html).toContain(`<link rel="canonical" href="${server.url}/${id}"/>`)
      }
      expect(await (await fetch(`${server.url}/impressum`)).text()).toContain('Lookbook Demo GmbH')
      expect((await fetch(`${server.url}/legal/elsewhere`)).status).toBe(404)
    })

    it.runIf(browserAvailable())(
      'are edited by an admin in Markdown: shown at once, kept as revisions, audited, never passing HTML through',
      { timeout: 90_000 },
      async () => {
        const { server, browser } = context()
        const publicUrl = `${server.url}/impressum`
        // Cached before the edit. (An earlier test may have rendered it over 300 s ago: then Next
        // serves it once more while it renders it again, and the next answers are hits.)
        let cache: string | null = null
        for (let tries = 0; tries < 50 && cache !== 'HIT'; tries++) {
          cache = (await fetch(publicUrl)).headers.get('x-lookbook-cache')
          if (cache !== 'HIT') await new Promise((resolve) => setTimeout(resolve, 100))
        }
        expect(cache).toBe('HIT')
        const before = await prisma().legalPage.findUniqueOrThrow({ where: { id: 'impressum' } })

        const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
        await signInAsDemoEditor(page, server.url)
        await page.getByRole('link', { name: 'Legal pages' }).click()
        await page.waitForURL(`${server.url}/admin/legal`)
        await page.getByRole('main').getByRole('link', { name: 'Impressum', exact: true }).click()
        await page.waitForURL(`${server.url}/admin/legal/impressum`)
        const added = `Phone on weekdays: [+49 30 7654321](tel:+49307654321) <script>alert("x")</script> [bad](javascript:alert(1))`
        await page.getByLabel('Text').fill(`${before.body}\n\n## Opening hours\n\n${added}`)
        await page.getByRole('button', { name: 'Save and publish' }).click()
        await page.getByText('Saved. The public pages show it now.').waitFor()
        await page.reload()
        await page.getByText(/Revision 2 · .* · editor@lookbook\.local · published now/).waitFor()
        await page.getByRole('link', { name: 'Revision 1' }).click()
        await page.locator('#shown-revision').getByText('Lookbook Demo GmbH').first().waitFor()
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-legal-page.png'), fullPage: true })
        await page.close()

        const html = await (await fetch(publicUrl)).text()
        expect(html).toContain('<h2>Opening hours</h2>')
        expect(html).toContain('<a href="tel:+49307654321" rel="noopener noreferrer">+49 30 7654321</a>')
        expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
        expect(html).not.toContain('javascript:alert')
        const revisions = await prisma().legalPageRevision.findMany({
          where: { pageId: 'impressum' },
          orderBy: { version: 'asc' },
        })
        expect(revisions.map((revision) => revision.version)).toEqual([1, 2])
        expect(revisions[0]!.body).toBe(before.body) // the earlier text, kept as it was
        expect(await prisma().auditEvent.count({ where: { entityId: 'impressum', action: 'legalpage.update' } })).toBe(
          1,
        )

        const phone = await browser!.newPage({ viewport: { width: 390, height: 844 } })
        await settle(phone, publicUrl)
        await phone.screenshot({ path: path.join(SCREENSHOTS, 'impressum-phone.png'), fullPage: true })
        await phone.close()
      },
    )
  })
}
