// The editors' admin on the production build. Registered from site.test.ts so that it shares its
// server (two servers would share one build folder's ISR cache).
import { describe, expect, it } from 'vitest'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { prisma } from '@/lib/db/client'
import { signIn as signInDirectly, upsertEditor } from '@/lib/auth/editors'
import { SESSION_COOKIE } from '@/lib/auth/sessions'
import { DEMO_EDITOR } from '@/prisma/seed'
import type { RunningServer } from '../support/next-server'
import { browserAvailable, loadLazyImages, SCREENSHOTS, settle } from '../support/browser'
import { readFile } from 'node:fs/promises'
import { ROOT } from '../support/test-env'
import { TEST_DIST_DIR } from '../support/next-server'

type Context = () => { server: RunningServer; browser: Browser | undefined }
type ManifestAction = { exportedName?: string; filename?: string; workers: Record<string, unknown> }

/** Every server action under app/admin (but signing in), from the build's manifest. */
async function adminActions(): Promise<[string, ManifestAction][]> {
  const manifest = JSON.parse(
    await readFile(path.join(ROOT, TEST_DIST_DIR, 'server/server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, ManifestAction> }
  return Object.entries(manifest.node).filter(
    ([, action]) => action.filename?.startsWith('app/admin/') && !action.filename.startsWith('app/admin/login/'),
  )
}

/** Calls an action the way a hand-made request would, on the page that uses it; `ids` fill each route's [id] by its folder (outfits, editors, media…). */
async function callAction(
  base: string,
  [id, action]: [string, ManifestAction],
  args: unknown[],
  ids: Record<string, string>,
  cookie?: string,
) {
  const worker = Object.keys(action.workers)[0]!
    .replace(/^app/, '')
    .replace(/\/page$/, '')
    .replace(/\/(\w+)\/\[id\]/, (_, folder: string) => `/${folder}/${ids[folder] ?? 'unknown'}`)
  const response = await fetch(`${base}${worker}`, {
    method: 'POST',
    headers: {
      'Next-Action': id,
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify(args),
    redirect: 'manual',
  })
  const text = await response.text()
  if (process.env.DEBUG_E2E) console.info(action.exportedName, response.status, text.slice(0, 160))
  return { status: response.status, text }
}

/** What an admin action could change: editors (with their secrets), sessions, outfits, comments, media, audit. */
async function adminSnapshot(outfitId: string) {
  return {
    editors: await prisma().editor.findMany({
      orderBy: { email: 'asc' },
      select: { email: true, name: true, role: true, disabledAt: true, passwordHash: true, version: true },
    }),
    openSessions: await prisma().session.count({ where: { revokedAt: null } }),
    outfits: await prisma().outfit.count(),
    items: await prisma().outfitItem.count(),
    comments: await prisma().comment.groupBy({ by: ['status'], _count: true }),
    audit: await prisma().auditEvent.count(),
    media: await prisma().media.findMany({ select: { id: true, alt: true, version: true }, orderBy: { id: 'asc' } }),
    likes: await prisma().like.count(),
    idols: await prisma().idol.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, name: true, slug: true, version: true },
    }),
    shots: await prisma().shot.findMany({ orderBy: { id: 'asc' }, select: { id: true, caption: true, version: true } }),
    socials: await prisma().social.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, url: true, approved: true, version: true },
    }),
    products: await prisma().product.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, name: true, description: true, sku: true, priceCents: true, version: true },
    }),
    outfit: await prisma().outfit.findUniqueOrThrow({
      where: { id: outfitId },
      select: { title: true, version: true },
    }),
  }
}

/** One record of each kind the admin edits, by the folder its pages live in. */
async function recordIds(): Promise<Record<string, string>> {
  const [outfit, editor, medium, idol, shot, social, product] = await Promise.all([
    prisma().outfit.findFirstOrThrow(),
    prisma().editor.findUniqueOrThrow({ where: { email: DEMO_EDITOR.email } }),
    prisma().media.findFirstOrThrow(),
    prisma().idol.findFirstOrThrow(),
    prisma().shot.findFirstOrThrow(),
    prisma().social.findFirstOrThrow(),
    prisma().product.findFirstOrThrow(),
  ])
  return {
    outfits: outfit.id,
    editors: editor.id,
    media: medium.id,
    idols: idol.id,
    shots: shot.id,
    socials: social.id,
    products: product.id,
    uploads: 'a'.repeat(32),
  }
}

/** Every admin page and admin API route in the build (so a new one is covered without listing it), with ids filled in. */
async function adminPaths(ids: Record<string, string>): Promise<string[]> {
  const manifest = JSON.parse(
    await readFile(path.join(ROOT, TEST_DIST_DIR, 'server/app-paths-manifest.json'), 'utf8'),
  ) as Record<string, string>
  return Object.keys(manifest)
    .filter((route) => route.startsWith('/admin') || route.startsWith('/api/admin/'))
    .map(
      (route) =>
        route
          .replace(/\/(page|route)$/, '')
          .replace(/\/(\w+)\/\[id\]/g, (_, folder: string) => `/${folder}/${ids[folder] ?? 'unknown'}`) || '/',
    )
}

const ADMIN_ONLY_PAGES = (editorId: string) => ['/admin/editors', `/admin/editors/${editorId}`, '/admin/audit']
const ADMIN_ONLY_ACTIONS = [
  'createEditorAction',
  'resetEditorPasswordAction',
  'setEditorDisabledAction',
  'updateEditorAction',
]

/** Submits the sign-in form and waits for the server action's answer (not just any text on the page). */
export async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/admin/login`, { waitUntil: 'load' })
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().includes('/admin/login'),
  )
  await page.getByRole('button', { name: 'Sign in' }).click()
  await answered
}

/** Signs in as the seed's demo editor (an admin) and waits for the dashboard. */
export async function signInAsDemoEditor(page: Page, base: string) {
  await signIn(page, base, DEMO_EDITOR.email, DEMO_EDITOR.password)
  await page.waitForURL(`${base}/admin`)
}

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
  }
}

export function adminSuite(context: Context) {
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
      const outfit = await prisma().outfit.findFirstOrThrow({ include: { items: true } })
      const editor = await prisma().editor.findUniqueOrThrow({ where: { email: DEMO_EDITOR.email } })
      const medium = await prisma().media.findFirstOrThrow()
      const [idol, shot, social, product] = await Promise.all([
        prisma().idol.findFirstOrThrow(),
        prisma().shot.findFirstOrThrow(),
        prisma().social.findFirstOrThrow(),
        prisma().product.findFirstOrThrow(),
      ])
      const before = await adminSnapshot(outfit.id)
      const argsFor = editorActionArgs(editor)
      Object.assign(argsFor, {
        saveOutfitItemsAction: [{ id: outfit.id, version: outfit.version, items: [] }],
        saveOutfitAction: [{}, { id: outfit.id, version: outfit.version, title: 'Hijacked' }],
        deleteOutfitAction: [{}, { id: outfit.id, version: outfit.version }],
        moderateAction: [{}, { ids: ['x'], decision: 'delete' }],
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
      })
      const ids = {
        outfits: outfit.id,
        editors: editor.id,
        media: medium.id,
        idols: idol.id,
        shots: shot.id,
        socials: social.id,
        products: product.id,
      }
      for (const entry of actions) {
        const { status, text } = await callAction(server.url, entry, argsFor[entry[1].exportedName!] ?? [], ids)
        expect(status, `${entry[1].exportedName} answered ${status}`).toBeLessThan(500)
        if (status === 200) expect(text, entry[1].exportedName).toContain('Please sign in again.')
      }
      expect(await adminSnapshot(outfit.id)).toEqual(before)
    })

    it('refuses admin-only pages and actions to a signed-in editor, changing nothing', async () => {
      const { server } = context()
      const email = 'wrong-role@example.com'
      await upsertEditor({ email, password: 'plain editor password', role: 'EDITOR' })
      const signedIn = await signInDirectly({ email, password: 'plain editor password' }, { ip: '192.0.2.77' })
      if (!signedIn.ok) throw new Error(signedIn.error)
      const cookie = `${SESSION_COOKIE}=${signedIn.token}`
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
      const actions = (await adminActions()).filter(([, action]) => action.filename!.startsWith('app/admin/editors/'))
      expect(actions.map(([, action]) => action.exportedName).sort()).toEqual(ADMIN_ONLY_ACTIONS)
      const argsFor = editorActionArgs(admin)
      for (const entry of actions) {
        const { status, text } = await callAction(
          server.url,
          entry,
          argsFor[entry[1].exportedName!]!,
          { outfits: outfit.id, editors: admin.id },
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

        page.once('dialog', (dialog) => void dialog.dismiss())
        await page.getByRole('button', { name: 'Delete this outfit' }).click()
        await page.waitForTimeout(300)
        expect(await prisma().outfit.count({ where: { id: created.id } })).toBe(1) // dismissed: nothing happens
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
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
      await signInAsDemoEditor(page, server.url)
      await settle(page, `${server.url}/admin/comments?status=pending`)
      for (const comment of pending) await page.locator(`input[value="${comment.id}"]`).check()
      await page.getByRole('button', { name: 'Approve' }).click()
      await page.getByText('2 comments approved.').waitFor()
      await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-comments.png'), fullPage: true })
      const statuses = await prisma().comment.findMany({
        where: { id: { in: pending.map((c) => c.id) } },
        select: { status: true },
      })
      expect(statuses.map((s) => s.status)).toEqual(['PUBLISHED', 'PUBLISHED'])
      await page.close()
    })
  })
}
