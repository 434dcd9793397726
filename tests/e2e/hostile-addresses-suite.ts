// What scanners send on launch day, against the production server entry: addresses with broken
// encodings or NUL bytes, and hostile slugs in the like and comment APIs. Each is a clear 4xx,
// never a 500; every answer carries the security headers. Registered from site.test.ts so that it
// shares its server.
import net from 'node:net'
import { once } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { prisma } from '@/lib/db/client'
import { createIdol, createMediaRow, createOutfit } from '@/prisma/seed/factories'
import { browserAvailable, type SuiteContext } from '../support/browser'
import { adminActions, buildActions } from '../support/admin-routes'
import { sessionCookieFor } from '../support/admin-session'
import { inlineScriptHashes } from '@/lib/server/script-hashes'

const MALFORMED = ['/outfits/%E0%A4%A', '/outfits/%', '/api/products/%', '/media/%', '/api/admin/uploads/%/complete']
const IMPOSSIBLE = ['/products/x%00y', '/outfits/x%00y', '/idols/x%00y', '/api/products/x%00y', '/api/outfits/x%00y']
const METHODS = ['GET', 'POST', 'PUT', 'DELETE']

export function hostileAddressesSuite(context: SuiteContext) {
  describe('hostile addresses', () => {
    it('answers a malformed percent-encoding with 400 and a NUL byte with 404, on every method', async () => {
      const { server } = context()
      for (const [paths, status] of [
        [MALFORMED, 400],
        [IMPOSSIBLE, 404],
      ] as const) {
        for (const path of paths) {
          for (const method of METHODS) {
            const response = await fetch(`${server.url}${path}`, { method, redirect: 'manual' })
            expect(response.status, `${method} ${path}`).toBe(status)
            const body = await response.text()
            if (path.startsWith('/api/')) expect(JSON.parse(body), path).toHaveProperty('error')
            else expect(body, path).toMatch(/percent-encoding|No page has this address/)
          }
        }
      }
    })

    it('refuses slugs no page can have in the like and comment APIs with 400, storing nothing', async () => {
      const { server } = context()
      for (const slug of ['x\u0000y', 'A B', '../../etc/passwd', '<script>', 'a'.repeat(300)]) {
        const query = `type=outfit&slug=${encodeURIComponent(slug)}`
        for (const url of [`/api/likes?${query}`, `/api/comments?${query}`])
          expect((await fetch(`${server.url}${url}`)).status, `${url}`).toBe(400)
        const json = { 'content-type': 'application/json' }
        const like = await fetch(`${server.url}/api/likes`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ type: 'outfit', slug, liked: true }),
        })
        expect(like.status, slug).toBe(400)
        const comment = await fetch(`${server.url}/api/comments`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ type: 'outfit', slug, authorName: 'Scanner', body: 'Hello there' }),
        })
        expect(comment.status, slug).toBe(400)
        expect(((await comment.json()) as { fields: Record<string, string> }).fields.slug).toMatch(/lowercase/)
      }
    })

    it('refuses a server action posted from another site with 403, before it runs', async () => {
      const { server } = context()
      const [id] = (await adminActions()).find(([, action]) => action.exportedName === 'moderateAction')!
      const post = (origin: string) =>
        fetch(`${server.url}/admin/comments`, {
          method: 'POST',
          headers: { 'Next-Action': id, Origin: origin, 'Content-Type': 'text/plain;charset=UTF-8' },
          body: JSON.stringify([{}, { comments: ['x:1'], decision: 'delete' }]),
        })
      for (const origin of ['https://evil.example', 'null', `${server.url}.evil.example`]) {
        const refused = await post(origin)
        expect(refused.status, origin).toBe(403)
        expect(await refused.json()).toEqual({ error: expect.stringMatching(/only from this site/) })
      }
      const own = await post(server.url) // its own page: the action runs (and asks to sign in)
      expect(own.status).toBe(200)
      expect(await own.text()).toContain('Please sign in again.')
    })

    it.runIf(browserAvailable())(
      'renders script payloads in comments, titles, captions and posts as text, never as markup',
      { timeout: 90_000 },
      async () => {
        const { server, browser } = context()
        const payload = (n: number) =>
          `</script><script>window.__pwned=${n}</script><img src=x onerror="window.__pwned=${n}">`
        const photo = await createMediaRow(prisma())
        const idol = await createIdol(prisma(), { name: `Eve ${payload(1)}`.slice(0, 200), bio: payload(2) })
        const outfit = await createOutfit(prisma(), {
          idolId: idol.id,
          title: `Look ${payload(3)}`,
          description: payload(4),
        })
        await prisma().shot.create({ data: { mediaId: photo.id, idolId: idol.id, caption: payload(5) } })
        await prisma().social.create({
          data: {
            network: 'INSTAGRAM',
            url: `https://instagram.example/p/${outfit.id}`,
            author: payload(6),
            text: payload(7),
            postedAt: new Date(),
            approved: true,
            idolId: idol.id,
          },
        })
        const posted = await fetch(`${server.url}/api/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'outfit', slug: outfit.slug, authorName: 'Mallory', body: payload(8) }),
        })
        expect(posted.status).toBe(201)

        const page = await browser!.newPage()
        const dialogs: string[] = []
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message())
          void dialog.dismiss()
        })
        for (const path of [`/outfits/${outfit.slug}`, `/idols/${idol.slug}`]) {
          await page.goto(`${server.url}${path}`, { waitUntil: 'load' })
          // The payloads show as text (the comment loads live, after the page)…
          await page.getByText('window.__pwned', { exact: false }).first().waitFor()
          if (path.startsWith('/outfits/')) await page.getByText('window.__pwned=8', { exact: false }).first().waitFor()
          // …and none became an element or ran.
          expect(await page.locator('img[src="x"]').count(), path).toBe(0)
          expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), path).toBeUndefined()
        }
        expect(dialogs).toEqual([])
        await page.close()
      },
    )

    it('sends the security headers with every answer: pages (rendered and cached), the admin, APIs, refusals, assets', async () => {
      const { server } = context()
      // A payload's address carries a hash of the router's headers: Next redirects to it first.
      const headersOf = async (path: string, headers: Record<string, string> = {}) =>
        (await fetch(`${server.url}${path}`, { redirect: headers.rsc ? 'follow' : 'manual', headers })).headers
      for (const path of ['/outfits', '/outfits', '/outfits/%']) {
        const headers = await headersOf(path)
        expect(headers.get('x-content-type-options'), path).toBe('nosniff')
        expect(headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin')
        expect(headers.get('permissions-policy'), path).toContain('camera=()')
        expect(headers.get('x-frame-options'), path).toBe('SAMEORIGIN')
        expect(headers.get('content-security-policy'), path).toContain("frame-ancestors 'self'")
        expect(headers.get('strict-transport-security'), path).toMatch(/^max-age=\d+/) // the server runs in production
      }
      for (const path of ['/admin/login', '/admin', '/api/admin/products?q=a']) {
        const headers = await headersOf(path)
        expect(headers.get('x-frame-options'), path).toBe('DENY')
        expect(headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'")
      }
      // Never shown as a document (built files, stored media, the icon, public APIs, a page's RSC
      // payload): only what acts on them, not a document's rules. Twice each: rendered, then cached.
      const landing = await (await fetch(`${server.url}/`)).text()
      const payload = { rsc: '1' }
      const notDocuments: [string | undefined, Record<string, string>][] = [
        [/\/_next\/static\/[^"?]+\.js/.exec(landing)?.[0], {}],
        [/\/_next\/static\/[^"?]+\.css/.exec(landing)?.[0], {}],
        [/\/media\/[0-9a-f]{2}\/[0-9a-f]{32}-w\d+\.avif/.exec(landing)?.[0], {}],
        ['/icon.svg', {}],
        ['/api/facets', {}],
        ['/api/likes?type=outfit&slug=none', {}],
        ['/outfits', payload],
      ]
      for (const [path, asked] of [...notDocuments, ...notDocuments]) {
        expect(path).toBeDefined()
        const headers = await headersOf(path!, asked)
        const what = `${path} ${JSON.stringify(asked)}`
        expect(headers.get('x-content-type-options'), what).toBe('nosniff')
        expect(headers.get('strict-transport-security'), what).toMatch(/^max-age=\d+/)
        for (const name of ['content-security-policy', 'x-frame-options', 'permissions-policy', 'referrer-policy'])
          expect(headers.get(name), `${name} on ${what}`).toBeNull()
        // Only a page's answer depends on the router's headers; elsewhere naming them costs bytes.
        // (The front cache trims Next's Vary; an answer it lets through untouched keeps it.)
        if (headers.get('x-lookbook-cache') === 'BYPASS') continue
        if (asked !== payload) expect(headers.get('vary') ?? '', what).not.toMatch(/rsc|next-router/i)
        else {
          expect(headers.get('content-type'), what).toBe('text/x-component')
          expect(headers.get('vary'), what).toMatch(/\brsc\b/)
        }
      }
    })

    it('refuses a server action call whose arguments cannot be decoded with 400, before Next sees it', async () => {
      const { server } = context()
      const [signIn] = (await buildActions()).filter(([, action]) => action.exportedName === 'signInAction')
      expect(signIn).toBeDefined()
      const call = (body: string) =>
        fetch(`${server.url}/admin/login`, {
          method: 'POST',
          headers: {
            'Next-Action': signIn![0],
            'Content-Type': 'text/plain;charset=UTF-8',
            Accept: 'text/x-component',
          },
          body,
        })
      for (const body of ['["$"]', '["$Q1"]', '[{"a":["$Z"]}]', '"x"', '{', '["$@"]', '["$K1"]']) {
        const response = await call(body)
        expect(response.status, body).toBe(400)
        expect(((await response.json()) as { error: string }).error, body).toMatch(/arguments/)
      }
      // What React's client sends reaches the action, whose own check answers.
      for (const body of ['["$$"]', '[null, "$undefined"]', '[]']) expect((await call(body)).status, body).toBe(200)
    })

    it('answers an endless chunked body with 413, read to its end, and keeps the connection serving', async () => {
      const { server } = context()
      const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1')
      await once(socket, 'connect')
      let received = ''
      socket.on('data', (data: Buffer) => (received += data.toString('latin1')))
      const answers = (count: number) =>
        vi.waitFor(() => expect(received.match(/HTTP\/1\.1 \d{3}/g)?.length ?? 0).toBe(count), { timeout: 10_000 })
      socket.write(
        'POST /api/likes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      )
      // 4 MB, far past the 16 KB a like may have, written to the end without the connection breaking.
      const chunk = Buffer.alloc(64 * 1024, 'x')
      for (let i = 0; i < 64; i++) {
        if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`))
          await once(socket, 'drain')
      }
      socket.write('0\r\n\r\n')
      await answers(1)
      expect(received).toMatch(/^HTTP\/1\.1 413 /)
      expect(received).toContain('A like is a small JSON object')
      // The same connection takes the next request.
      socket.write('GET /api/likes?type=outfit&slug=none HTTP/1.1\r\nHost: localhost\r\n\r\n')
      await answers(2)
      expect(received.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 413', 'HTTP/1.1 404'])
      socket.destroy()
    })

    it('lets a page run only its own scripts: every inline script it carries is named by hash, nothing else', async () => {
      const { server } = context()
      const outfit = await prisma().outfit.findFirstOrThrow({ where: { published: true } })
      const asBrowser = { accept: 'text/html,application/xhtml+xml', cookie: '' }
      const admin = await sessionCookieFor('csp-check@example.com', 'EDITOR')
      // Rendered, then from the front cache; the 404 page; an editor's admin page (never cached).
      for (const [path, cookie] of [
        ['/', ''],
        [`/outfits/${outfit.slug}`, ''],
        [`/outfits/${outfit.slug}`, ''],
        ['/outfits/no-such-look', ''],
        ['/admin/outfits', admin],
      ] as const) {
        const response = await fetch(`${server.url}${path}`, { headers: { ...asBrowser, cookie } })
        const html = await response.text()
        const policy = response.headers.get('content-security-policy') ?? ''
        const scriptSrc = policy.split(';').find((directive) => directive.trim().startsWith('script-src '))
        expect(scriptSrc, path).toBeDefined()
        expect(scriptSrc, path).not.toContain('unsafe-inline')
        const inline = inlineScriptHashes(html)
        expect(inline.length, path).toBeGreaterThan(0) // Next's payload is inline: the check is real
        for (const hash of inline) expect(scriptSrc, path).toContain(`'sha256-${hash}'`)
        // Listed are exactly the page's scripts: one more, injected, would not run.
        expect(scriptSrc!.match(/'sha256-/g)?.length, path).toBe(inline.length)
      }
    })
  })
}
