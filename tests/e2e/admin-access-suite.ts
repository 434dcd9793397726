// The admin's doors: every admin page, API route and server action in the build refuses visitors
// without a session (and admin-only ones refuse editors), changing nothing. Registered from
// site.test.ts so that it shares its server.
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { upsertEditor } from '@/lib/data/admin/editor-accounts'
import { DEMO_EDITOR } from '@/prisma/seed'
import { browserAvailable, type SuiteContext } from '../support/browser'
import { adminActions, adminPaths, adminSnapshot, callAction, oneOfEach, recordIds } from '../support/admin-routes'
import { sessionCookieFor, signIn } from '../support/admin-session'

const ADMIN_ONLY_PAGES = (editorId: string) => [
  '/admin/editors',
  `/admin/editors/${editorId}`,
  '/admin/audit',
  '/admin/feed',
  '/admin/legal',
  '/admin/legal/impressum',
]
const ADMIN_ONLY_ACTIONS = [
  'createEditorAction',
  'resetEditorPasswordAction',
  'saveLegalPageAction',
  'setEditorDisabledAction',
  'syncFeedAction',
  'updateEditorAction',
]

/** Arguments that would demote, disable and reset the demo admin, and add an admin, were they accepted. */
function editorActionArgs(target: { id: string; version: number }): Record<string, unknown[]> {
  return {
    createEditorAction: [
      {},
      { email: 'intruder@example.com', name: 'Intruder', role: 'ADMIN', password: 'intruder password' },
    ],
    updateEditorAction: [{}, { id: target.id, version: target.version, name: 'Hijacked', role: 'EDITOR' }],
    setEditorDisabledAction: [{}, { id: target.id, version: target.version, disabled: 'true' }],
    resetEditorPasswordAction: [{}, { id: target.id, version: target.version, password: 'hijacked password' }],
    syncFeedAction: [{}, { force: 'yes' }],
    saveLegalPageAction: [{}, { id: 'impressum', version: 1, title: 'Hijacked', body: 'Hijacked' }],
  }
}

/** For every admin action, arguments that would change something real, were they accepted. */
function hijackingArgs({ outfit, editor, medium, idol, shot, social, product }: Awaited<ReturnType<typeof oneOfEach>>) {
  return {
    ...editorActionArgs(editor),
    saveOutfitItemsAction: [{ id: outfit.id, version: outfit.version, items: [] }],
    saveOutfitAction: [{}, { id: outfit.id, version: outfit.version, title: 'Hijacked' }],
    deleteOutfitAction: [{}, { id: outfit.id, version: outfit.version }],
    moderateAction: [{}, { comments: ['x:1'], decision: 'delete' }],
    createOutfitAction: [{}, { title: 'Hijack', idolId: outfit.idolId }],
    changeOwnPasswordAction: [
      {},
      { current: DEMO_EDITOR.password, password: 'hijacked password', repeat: 'hijacked password' },
    ],
    saveMediaAltAction: [{}, { id: medium.id, version: medium.version, alt: 'Hijacked' }],
    deleteMediaAction: [{}, { id: medium.id, version: medium.version }],
    createIdolAction: [{}, { slug: 'hijack', name: 'Hijack', position: '0' }],
    saveIdolAction: [{}, { id: idol.id, version: idol.version, slug: idol.slug, name: 'Hijacked' }],
    deleteIdolAction: [{}, { id: idol.id, version: idol.version }],
    createShotAction: [{}, { mediaId: shot.mediaId, caption: 'Hijack', position: '0' }],
    saveShotAction: [{}, { id: shot.id, version: shot.version, mediaId: shot.mediaId, caption: 'Hijacked' }],
    deleteShotAction: [{}, { id: shot.id, version: shot.version }],
    createSocialAction: [
      {},
      { network: 'X', url: 'https://x.example.com/hijack', author: 'Hijack', postedAt: '2026-11-01T10:00' },
    ],
    saveSocialAction: [
      {},
      {
        id: social.id,
        version: social.version,
        network: social.network,
        url: social.url,
        author: 'Hijacked',
        postedAt: '2026-11-01T10:00',
        approved: 'on',
      },
    ],
    deleteSocialAction: [{}, { id: social.id, version: social.version }],
    saveProductAction: [
      {},
      { id: product.id, version: product.version, name: 'Hijacked', sku: 'HIJACK', priceCents: 1 },
    ],
  } as Record<string, unknown[]>
}

export function adminAccessSuite(context: SuiteContext) {
  describe('admin access', () => {
    it('sends anonymous visitors of every admin page to the sign-in page', async () => {
      const { server } = context()
      const pages = (await adminPaths(await recordIds())).filter(
        (route) => !route.startsWith('/api/') && route !== '/admin/login',
      )
      expect(pages.length).toBeGreaterThan(20)
      for (const page of pages) {
        const response = await fetch(`${server.url}${page}`, { redirect: 'manual' })
        expect(response.status, page).toBe(307)
        expect(response.headers.get('location'), page).toBe(`/admin/login?next=${encodeURIComponent(page)}`)
        expect(response.headers.get('cache-control') ?? '', page).not.toMatch(/s-maxage/)
      }
    })

    it('answers every admin API route without a session with 401 (or 405 for a method it lacks), changing nothing', async () => {
      const { server } = context()
      const routes = (await adminPaths(await recordIds())).filter((route) => route.startsWith('/api/admin/'))
      expect(routes.length).toBeGreaterThanOrEqual(5)
      const outfit = await prisma().outfit.findFirstOrThrow()
      const before = await adminSnapshot(outfit.id)
      for (const route of routes) {
        for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
          const response = await fetch(`${server.url}${route}`, {
            method,
            headers: { 'Content-Type': 'application/json' },
            body: method === 'GET' ? undefined : '{"name":"a.png","type":"image/png","bytes":10}',
            redirect: 'manual',
          })
          expect([401, 405], `${method} ${route} answered ${response.status}`).toContain(response.status)
        }
      }
      expect(await adminSnapshot(outfit.id)).toEqual(before)
    })

    it('refuses every admin server action without a session, changing nothing', async () => {
      const { server } = context()
      const actions = await adminActions()
      expect(actions.map(([, action]) => action.exportedName).sort()).toEqual(
        [
          'changeOwnPasswordAction',
          'createIdolAction',
          'createOutfitAction',
          'createShotAction',
          'createSocialAction',
          'deleteIdolAction',
          'deleteMediaAction',
          'deleteOutfitAction',
          'deleteShotAction',
          'deleteSocialAction',
          'moderateAction',
          'saveIdolAction',
          'saveMediaAltAction',
          'saveOutfitAction',
          'saveOutfitItemsAction',
          'saveProductAction',
          'saveShotAction',
          'saveSocialAction',
          ...ADMIN_ONLY_ACTIONS,
        ].sort(),
      )
      const records = await oneOfEach()
      const before = await adminSnapshot(records.outfit.id)
      const argsFor = hijackingArgs(records)
      const ids = await recordIds()
      for (const entry of actions) {
        const { status, text } = await callAction(server.url, entry, argsFor[entry[1].exportedName!] ?? [], ids)
        expect(status, `${entry[1].exportedName} answered ${status}`).toBeLessThan(500)
        if (status === 200) expect(text, entry[1].exportedName).toContain('Please sign in again.')
      }
      expect(await adminSnapshot(records.outfit.id)).toEqual(before)
    })

    it('refuses admin-only pages and actions to a signed-in editor, changing nothing', async () => {
      const { server } = context()
      const cookie = await sessionCookieFor('wrong-role@example.com', 'EDITOR')
      expect((await fetch(`${server.url}/admin/account`, { headers: { cookie } })).status).toBe(200) // the session works

      const admin = await prisma().editor.findUniqueOrThrow({ where: { email: DEMO_EDITOR.email } })
      const adminOnly = ADMIN_ONLY_PAGES(admin.id)
      const pages = (await adminPaths(await recordIds())).filter(
        (route) => !route.startsWith('/api/') && route !== '/admin/login',
      )
      expect(pages).toEqual(expect.arrayContaining(adminOnly))
      for (const page of pages) {
        const response = await fetch(`${server.url}${page}`, { headers: { cookie }, redirect: 'manual' })
        if (adminOnly.includes(page)) {
          expect(response.status, page).toBe(307)
          expect(response.headers.get('location'), page).toBe('/admin?denied=1')
        } else expect(response.status, `${page} is for every editor`).toBe(200)
      }

      const outfit = await prisma().outfit.findFirstOrThrow()
      const before = await adminSnapshot(outfit.id)
      const actions = (await adminActions()).filter(([, action]) =>
        /^app\/admin\/(editors|feed|legal)\//.test(action.filename!),
      )
      expect(actions.map(([, action]) => action.exportedName).sort()).toEqual(ADMIN_ONLY_ACTIONS)
      const argsFor = editorActionArgs(admin)
      for (const entry of actions) {
        const { status, text } = await callAction(
          server.url,
          entry,
          argsFor[entry[1].exportedName!]!,
          { outfits: outfit.id, editors: admin.id, legal: 'impressum' },
          cookie,
        )
        expect(status, entry[1].exportedName).toBe(200)
        expect(text, entry[1].exportedName).toContain('Your role does not allow this.')
      }
      expect(await adminSnapshot(outfit.id)).toEqual(before)
    })

    it.runIf(browserAvailable())(
      'refuses wrong passwords without saying which part was wrong, and keeps editors out of admin-only pages',
      { timeout: 90_000 },
      async () => {
        const { server, browser } = context()
        const page = await browser!.newPage()
        await signIn(page, server.url, DEMO_EDITOR.email, 'not the password')
        await page.getByText('That email and password do not match an editor account.').waitFor()
        await signIn(page, server.url, 'nobody@example.com', 'not the password')
        await page.getByText('That email and password do not match an editor account.').waitFor()

        await upsertEditor({ email: 'plain-editor@example.com', password: 'plain editor password', role: 'EDITOR' })
        await signIn(page, server.url, 'plain-editor@example.com', 'plain editor password')
        await page.waitForURL(`${server.url}/admin`)
        await page.goto(`${server.url}/admin/audit`)
        await page.waitForURL(/\/admin\?denied=1/)
        await page.getByText('That page is for admins only.').waitFor()
        expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0)
        expect(await page.getByRole('link', { name: 'Editors' }).count()).toBe(0)
        await page.getByRole('link', { name: 'Account' }).waitFor()
        await page.close()
      },
    )
  })
}
