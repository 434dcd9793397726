// What marketing learns, end to end on the production server: a visit by a campaign link is
// counted by the landing redirect (in memory, written a few seconds later; robots not at all), a
// click to the shop by /go; editors read both in /admin/campaign and download them as CSV.
// Registered from site.test.ts so that it shares its server.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import {
  browserAvailable,
  IN_APP_PHONE_AGENT as PHONE,
  SCREENSHOTS,
  settle,
  type SuiteContext,
} from '../support/browser'
import { sessionCookieFor, signInAsDemoEditor } from '../support/admin-session'

export function campaignReportSuite(context: SuiteContext) {
  describe('the campaign report', () => {
    it.runIf(browserAvailable())(
      'counts campaign visits (not robots) and shop clicks, and shows them to editors with a CSV to download',
      { timeout: 90_000 },
      async () => {
        const { server, browser } = context()
        const campaign = `e2e-${Date.now() % 100000}`
        const outfit = await prisma().outfit.findFirstOrThrow({
          where: { published: true, items: { some: {} } },
          include: { items: { include: { product: true }, orderBy: { position: 'asc' } } },
        })
        const landing = (agent: string, name = campaign) =>
          fetch(
            `${server.url}/outfits/${outfit.slug}?utm_source=facebook&utm_medium=paid&utm_campaign=${name}&fbclid=IwAR1`,
            {
              redirect: 'manual',
              headers: { 'user-agent': agent },
            },
          )
        const first = await landing(PHONE)
        expect(first.status).toBe(307)
        await landing(PHONE)
        await landing('facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', `${campaign}-robot`)
        const cookie = first.headers.get('set-cookie')!.split(';')[0]!
        const sku = outfit.items[0]!.product.sku
        const go = await fetch(`${server.url}/go/${sku}?from=outfit/${outfit.slug}`, {
          redirect: 'manual',
          headers: { cookie, 'user-agent': PHONE },
        })
        expect(go.status).toBe(302)

        // The CSV, for an editor (not only admins); visits arrive within a few seconds.
        const editorCookie = await sessionCookieFor('report-reader@example.com', 'EDITOR')
        const csvFor = async () => {
          const response = await fetch(`${server.url}/api/admin/campaign`, { headers: { cookie: editorCookie } })
          expect(response.status).toBe(200)
          expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
          expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="lookbook-campaign-/)
          return response.text()
        }
        let csv = ''
        for (let waited = 0; waited < 15_000 && !csv.includes(`,facebook,paid,${campaign},2,1,`); waited += 500) {
          await new Promise((resolve) => setTimeout(resolve, 500))
          csv = await csvFor()
        }
        expect(csv).toContain(`,facebook,paid,${campaign},2,1,,`)
        expect(csv).not.toContain(`${campaign}-robot`)
        expect((await fetch(`${server.url}/api/admin/campaign`)).status).toBe(401)
        expect(
          (await fetch(`${server.url}/api/admin/campaign?from=2026-13-01`, { headers: { cookie: editorCookie } }))
            .status,
        ).toBe(400)

        const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
        await signInAsDemoEditor(page, server.url)
        await page.getByRole('link', { name: 'Campaign', exact: true }).click()
        await page.waitForURL(`${server.url}/admin/campaign`)
        const row = page.getByRole('row', { name: new RegExp(`facebook paid ${campaign}`) })
        expect(await row.locator('td').allTextContents()).toEqual(['facebook', 'paid', campaign, '2', '1', '50.0 %'])
        await page.getByRole('img', { name: /Visits by campaign link and clicks to the shop/ }).waitFor()
        await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-campaign-report.png'), fullPage: true })
        await settle(page, `${server.url}/admin/campaign?from=2026-11-30&to=2026-11-01`)
        await page.getByText('from must not be after to.').waitFor()
        await page.close()
      },
    )
  })
}
