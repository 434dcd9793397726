// The public site on a production build (`next build && next start`), as shoppers' phones and
// desktop browsers see it. One server for the whole file: test files run in parallel, and two
// servers would share one build folder's ISR cache. Browser steps wait for what they need to see,
// not for 'networkidle': link prefetching keeps a busy machine's network from ever going idle.
import { randomBytes } from 'node:crypto'
import { execFileSync, spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { useFreshDatabase } from '../support/database'
import { ensureProductionBuild, freePort, startNext, TEST_DIST_DIR, type RunningServer } from '../support/next-server'
import { readFileSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { ROOT } from '../support/test-env'
import { browserAvailable, launchBrowser, loadLazyImages, SCREENSHOTS, settle } from '../support/browser'
import { adminAccessSuite } from './admin-access-suite'
import { adminEditingSuite } from './admin-editing-suite'
import { adminMediaSuite } from './admin-media-suite'
import { adminEditorsSuite } from './admin-editors-suite'
import { hostileAddressesSuite } from './hostile-addresses-suite'
import { clientAddressSuite } from './client-address-suite'
import { fuzzSuite } from './fuzz-suite'
import { editsReachPagesSuite } from './edits-reach-pages-suite'
import { facebookJourneySuite } from './facebook-journey-suite'
import { phoneJourneySuite } from './phone-journey-suite'
import { legalPagesSuite } from './legal-pages-suite'
import { campaignReportSuite } from './campaign-report-suite'
import { requestLogSuite } from './request-log-suite'

const database = useFreshDatabase()
let server: RunningServer
let browser: Browser | undefined

beforeAll(async () => {
  await ensureProductionBuild()
  await seedDemoData(prisma(), mediaStorage())
  // This test process owns the embedded database now; the server connects to it as a client.
  server = await startNext(database.env())
  if (browserAvailable()) browser = await launchBrowser()
}, 600_000)

afterAll(async () => {
  // The server's own log, when it died or when asked for.
  if (process.env.DEBUG_E2E || server?.child.exitCode !== null) console.info(server?.output.join('').slice(-20_000))
  await browser?.close()
  await server?.stop()
})

describe('landing page', () => {
  it('renders idols and outfits from the database, then serves them from the ISR cache', async () => {
    const first = await fetch(`${server.url}/`)
    expect(first.status).toBe(200)
    expect(first.headers.get('x-nextjs-cache')).toBe('MISS') // rendered on request, not at build time
    expect(first.headers.get('x-lookbook-cache')).toBe('MISS')
    const html = await first.text()
    const idols = await prisma().idol.findMany({ where: { published: true } })
    for (const idol of idols) expect(html).toContain(idol.name)
    expect(html).toMatch(/Featured outfits/)
    expect(first.headers.get('cache-control')).toMatch(/s-maxage=300/)

    const second = await fetch(`${server.url}/`)
    expect(second.headers.get('x-lookbook-cache')).toBe('HIT') // from the front cache, Next not asked
  })

  it('answers unknown pages with the 404 page', async () => {
    for (const url of ['/no-such-page', '/landing/other', '/lists/products/junk', '/outfits?page=99']) {
      const response = await fetch(`${server.url}${url}`)
      expect(response.status).toBe(404)
      expect(await response.text()).toContain('This page is not in the lookbook')
    }
  })

  it('keeps no cache entry for unknown slugs, so scanners and typos cannot fill the disk', async () => {
    const cacheFiles = async () => {
      const count = async (folder: string) =>
        (await readdir(path.join(ROOT, TEST_DIST_DIR, folder), { recursive: true }).catch(() => [])).length
      return (await count('server/route-cache')) + (await count('cache/fetch-cache'))
    }
    const junk = (n: number) => [
      `/outfits/no-such-look-${n}`,
      `/idols/nobody-${n}`,
      `/products/nothing-${n}`,
      `/api/outfits/no-such-look-${n}`,
      `/api/products/nothing-${n}`,
    ]
    await Promise.all(junk(0).map((url) => fetch(`${server.url}${url}`))) // first renders settle shared entries (layout, 404 page)
    const before = await cacheFiles()
    for (let n = 1; n <= 10; n++) {
      for (const url of junk(n)) expect((await fetch(`${server.url}${url}`)).status, url).toBe(404)
    }
    expect(await cacheFiles()).toBe(before)
  })

  it('serves stored media with long caching, and nothing else', async () => {
    const medium = await prisma().media.findFirstOrThrow()
    const image = await fetch(`${server.url}/${medium.key}`)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/jpeg')
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await image.arrayBuffer()).byteLength).toBe(medium.bytes)
    expect((await fetch(`${server.url}/media/../package.json`)).status).toBe(404)
    expect((await fetch(`${server.url}/media/00/not-a-key.jpg`)).status).toBe(404)
  })

  it.runIf(browserAvailable())(
    'looks right on a phone and a desktop, with every image loaded',
    { timeout: 90_000 },
    async () => {
      for (const [name, viewport] of [
        ['landing-phone', { width: 390, height: 844 }],
        ['landing-desktop', { width: 1280, height: 900 }],
      ] as const) {
        const page = await browser!.newPage({ viewport })
        const problems: string[] = []
        page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
        page.on('pageerror', (error) => problems.push(error.message))
        await settle(page, `${server.url}/`)
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Shop the looks/)
        // Lazy images below the fold load as the page scrolls; broken ones are reported precisely below.
        await loadLazyImages(page)
        const broken = await page.$$eval('img', (images) =>
          images.filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.alt),
        )
        expect(broken).toEqual([])
        const missingAlt = await page.$$eval('img', (images) => images.filter((img) => !img.alt.trim()).length)
        expect(missingAlt).toBe(0)
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })
        expect(problems).toEqual([])
        await page.close()
      }
    },
  )
})

const euros = (cents: number) =>
  new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }).format(cents / 100)

async function outfitWithItems() {
  return prisma().outfit.findFirstOrThrow({
    where: { published: true, items: { some: {} } },
    orderBy: { slug: 'asc' },
    include: { idol: true, items: { orderBy: { position: 'asc' }, include: { product: true } } },
  })
}

describe('the front response cache', () => {
  it('tags pages for a CDN, compresses once, keeps RSC payloads apart and lets editors past', async () => {
    const outfit = await outfitWithItems()
    const url = `${server.url}/outfits/${outfit.slug}`
    await fetch(url)
    const page = await fetch(url, { headers: { 'accept-encoding': 'br' } })
    expect(page.headers.get('x-lookbook-cache')).toBe('HIT')
    expect(page.headers.get('content-encoding')).toBe('br')
    expect(page.headers.get('cache-tag')?.split(',')).toEqual(
      expect.arrayContaining(['outfit-pages', `outfit:${outfit.slug}`]),
    )
    expect(page.headers.get('surrogate-key')?.split(' ')).toContain(`outfit:${outfit.slug}`)
    expect(page.headers.get('cache-control')).toMatch(/s-maxage=300/)

    // The page's pictures: the sizes made at upload, under their own addresses, then from memory.
    const pageHtml = await (await fetch(url)).text()
    expect(pageHtml).not.toContain('/_next/image')
    const sized = pageHtml.match(/\/media\/[0-9a-f]{2}\/[0-9a-f]{32}-w\d+\.(avif|webp)/g) ?? []
    expect(sized.length).toBeGreaterThan(4)
    const avif = sized.find((address) => address.endsWith('.avif'))!
    const first = await fetch(`${server.url}${avif}`)
    expect([first.status, first.headers.get('content-type')]).toEqual([200, 'image/avif'])
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const again = await fetch(`${server.url}${avif}`)
    expect(again.headers.get('x-lookbook-cache')).toBe('HIT')
    // The icon every page view asks for: kept too (Next alone says max-age=0, must-revalidate).
    await fetch(`${server.url}/icon.svg`)
    const icon = await fetch(`${server.url}/icon.svg`)
    expect([icon.status, icon.headers.get('x-lookbook-cache')]).toEqual([200, 'HIT'])
    expect(icon.headers.get('cache-control')).toMatch(/max-age=3600, s-maxage=86400/)
    expect(page.headers.get('vary')).toMatch(/rsc/)
    const html = await page.text()
    expect(html).toContain(outfit.title)

    const rsc = await fetch(url, { headers: { rsc: '1' } })
    expect(rsc.headers.get('content-type')).toMatch(/text\/x-component/)
    expect(await rsc.text()).not.toBe(html)
    expect((await fetch(url, { headers: { cookie: 'lb_session=whatever' } })).headers.get('x-lookbook-cache')).toBe(
      'BYPASS',
    )
    expect(
      (await fetch(`${server.url}/api/offers?sku=${outfit.items[0]!.product.sku}`)).headers.get('cache-control'),
    ).toBe('no-store')
    const refused = await fetch(`${server.url}/api/offers?sku=${encodeURIComponent('<script>')}`)
    expect(refused.status).toBe(400)
    expect((await refused.json()).error).toMatch(/letters, digits/)

    // Likes are answered by the server before Next: the same validation, one statement each.
    const like = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(`${server.url}/api/likes`, { method: 'POST', body, headers })
    const liked = await like(JSON.stringify({ type: 'outfit', slug: outfit.slug, liked: true }))
    expect(liked.status).toBe(200)
    expect(liked.headers.get('set-cookie')).toMatch(
      /^lb_visitor=[0-9a-f-]{36}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax; Secure$/,
    )
    expect(await liked.json()).toEqual({
      count: await prisma().like.count({ where: { targetType: 'OUTFIT', targetId: outfit.id } }),
      liked: true,
    })
    expect((await like('{"type":"outfit"')).status).toBe(400)
    expect(
      (await like(JSON.stringify({ type: 'outfit', slug: outfit.slug, liked: true }), { 'content-type': 'text/plain' }))
        .status,
    ).toBe(400)
    expect((await like(JSON.stringify({ type: 'outfit', slug: 'no-such-look', liked: true }))).status).toBe(404)
    expect((await like(JSON.stringify({ type: 'outfit', slug: 'x'.repeat(20_000), liked: true }))).status).toBe(413)

    // So are comments: one statement, the same answers as the route handler's.
    const address = `2001:db8::${randomBytes(4)
      .toString('hex')
      .replace(/(....)(....)/, '$1:$2')}` // the per-address limit outlives a run in Redis
    const comment = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/comments`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
      })
    const posted = await comment({ type: 'outfit', slug: outfit.slug, authorName: ' Ada ', body: 'Fast path!' })
    expect(posted.status).toBe(201)
    expect(posted.headers.get('set-cookie')).toMatch(/^lb_visitor=[0-9a-f-]{36};/)
    const added = await posted.json()
    expect(added).toMatchObject({ status: 'published', comment: { authorName: 'Ada', body: 'Fast path!' } })
    const row = await prisma().comment.findUniqueOrThrow({ where: { id: added.comment.id } })
    expect(row).toMatchObject({ targetType: 'OUTFIT', targetId: outfit.id, status: 'PUBLISHED', version: 1 })
    expect(row.ipHash).toMatch(/^[0-9a-f]{32}$/)
    expect(row.createdAt.toISOString()).toBe(added.comment.createdAt)
    const invalid = await comment({ type: 'outfit', slug: outfit.slug, authorName: '', body: 'x' })
    expect(invalid.status).toBe(400)
    expect(Object.keys((await invalid.json()).fields).sort()).toEqual(['authorName', 'body'])
    expect((await comment({ type: 'outfit', slug: 'no-such-look', authorName: 'A', body: 'Hello' })).status).toBe(404)
    expect(
      (await comment({ type: 'outfit', slug: outfit.slug, authorName: 'A', body: 'x'.repeat(20_000) })).status,
    ).toBe(413)
    const visitor = posted.headers.get('set-cookie')!.split(';')[0]!
    const statuses: number[] = []
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await comment({ type: 'outfit', slug: outfit.slug, authorName: 'A', body: `Again ${i}` }, { cookie: visitor }))
          .status,
      )
    expect(statuses).toEqual([201, 201, 201, 201, 429]) // 5 per visitor in 10 minutes, the first one included
    expect(await prisma().comment.count({ where: { visitorId: row.visitorId } })).toBe(5)
  })
})

describe('shared reactions', () => {
  it('keeps one reactions answer for every visitor, and forgets it at the like that changes it', async () => {
    const outfit = await outfitWithItems()
    const url = `${server.url}/api/reactions/outfit/${outfit.slug}`
    const likes = () => prisma().like.count({ where: { targetType: 'OUTFIT', targetId: outfit.id } })
    const published = await prisma().comment.count({
      where: { targetType: 'OUTFIT', targetId: outfit.id, status: 'PUBLISHED' },
    })
    // Another visit can have left it in the front cache: a like of a visitor of its own starts clean.
    const like = (cookie?: string) =>
      fetch(`${server.url}/api/likes`, {
        method: 'POST',
        body: JSON.stringify({ type: 'outfit', slug: outfit.slug, liked: true }),
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      })
    const first = await like()
    expect(first.status).toBe(200)
    const visitor = first.headers.get('set-cookie')!.split(';')[0]!

    const fresh = await fetch(url)
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('x-lookbook-cache')).toBe('MISS')
    expect(fresh.headers.get('cache-control')).toBe('public, s-maxage=3, stale-while-revalidate=18')
    expect(fresh.headers.get('cache-tag')).toBe(`reactions:outfit:${outfit.slug}`)
    expect(fresh.headers.get('set-cookie')).toBeNull()
    const before = (await fresh.json()) as { likes: number; comments: { id: string }[] }
    expect(before.likes).toBe(await likes())
    expect(before.comments).toHaveLength(published)
    // The same answer for a returning visitor: nothing in it is theirs, so it is served from memory.
    const returning = await fetch(url, { headers: { cookie: visitor } })
    expect(returning.headers.get('x-lookbook-cache')).toBe('HIT')
    expect(await returning.json()).toEqual(before)

    // A like on this server forgets the copy: the next view reads the new count.
    expect((await like()).status).toBe(200)
    const after = await fetch(url)
    expect(after.headers.get('x-lookbook-cache')).toBe('MISS')
    expect(((await after.json()) as { likes: number }).likes).toBe(before.likes + 1)
    expect((await fetch(url)).headers.get('x-lookbook-cache')).toBe('HIT')
    // A like that changes nothing (the same visitor again) is accepted, and forgets it too.
    expect((await like(visitor)).status).toBe(200)
    expect((await fetch(url)).headers.get('x-lookbook-cache')).toBe('MISS')
    // The slug as validated (trimmed) names what is forgotten, not the body's spelling of it.
    const padded = await fetch(`${server.url}/api/likes`, {
      method: 'POST',
      body: JSON.stringify({ type: 'outfit', slug: `  ${outfit.slug}\n`, liked: true }),
      headers: { 'content-type': 'application/json' },
    })
    expect(padded.status).toBe(200)
    expect((await fetch(url)).headers.get('x-lookbook-cache')).toBe('MISS')

    const missing = await fetch(`${server.url}/api/reactions/outfit/no-such-look`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('x-lookbook-cache')).toBe('MISS') // a 404 is never kept
    const wrongType = await fetch(`${server.url}/api/reactions/shoe/${outfit.slug}`)
    expect(wrongType.status).toBe(400)
    expect((await wrongType.json()).error).toMatch(/outfit, product or idol/)
  })
})

describe('cached pages and prices', () => {
  it('never puts a price or availability into cached HTML or cached JSON', async () => {
    const outfit = await outfitWithItems()
    const product = outfit.items[0]!.product
    const prices = outfit.items.map((item) => euros(item.product.priceCents))
    const urls = [
      '/',
      '/products',
      `/products/${product.slug}`,
      `/outfits/${outfit.slug}`,
      `/idols/${outfit.idol.slug}`,
      '/api/products',
      `/api/products/${product.slug}`,
      `/api/outfits/${outfit.slug}`,
    ]
    for (const url of urls) {
      const response = await fetch(`${server.url}${url}`)
      expect(
        response.status,
        `${url}: ${response.status === 200 ? '' : (await response.clone().text()).slice(0, 300)}`,
      ).toBe(200)
      const text = await response.text()
      for (const price of prices) expect(text, `${url} shows ${price}`).not.toContain(price)
      expect(text, url).not.toMatch(/priceCents|IN_STOCK|OUT_OF_STOCK|LOW_STOCK|PREORDER/)
    }
    const offers = await (await fetch(`${server.url}/api/offers?sku=${product.sku}`)).json()
    expect(offers.offers[0]).toMatchObject({ sku: product.sku, priceCents: product.priceCents })
  })

  it('serves the new price within the offer cache window after the feed changes it', async () => {
    const product = (await outfitWithItems()).items[1]!.product
    await fetch(`${server.url}/api/offers?sku=${product.sku}`) // warm the KV cache
    await prisma().product.update({ where: { id: product.id }, data: { priceCents: product.priceCents + 1000 } })
    // The offer cache keeps a price 10 s at most: the new one must show within that (and a second).
    const price = async () =>
      (
        (await (await fetch(`${server.url}/api/offers?sku=${product.sku}`)).json()) as {
          offers: { priceCents: number }[]
        }
      ).offers[0]!.priceCents
    await expect.poll(price, { interval: 250, timeout: 11_000 }).toBe(product.priceCents + 1000)
  })

  it('regenerates a product page: stale once after 10 s, then fresh', async () => {
    const product = (await outfitWithItems()).items[2]!.product
    const url = `${server.url}/products/${product.slug}`
    const first = await fetch(url)
    expect(first.headers.get('x-nextjs-cache')).toBe('MISS')
    const renderedAt = Date.now()
    expect((await fetch(url)).headers.get('x-lookbook-cache')).toBe('HIT')
    await prisma().product.update({ where: { id: product.id }, data: { name: `${product.name} Renamed` } })
    // Every answer in the 10 s window is the cached page; the first one after it is that page,
    // marked stale, while it regenerates; then the new name shows.
    const answers: { cache: string | null; renamed: boolean }[] = []
    const answer = async () => {
      const response = await fetch(url)
      answers.push({
        cache: response.headers.get('x-lookbook-cache'),
        renamed: (await response.text()).includes('Renamed'),
      })
      return answers.at(-1)!
    }
    await expect.poll(async () => (await answer()).cache, { interval: 500, timeout: 15_000 }).toBe('STALE')
    const staleAfter = Date.now() - renderedAt
    expect(staleAfter).toBeGreaterThanOrEqual(9_000) // not before the window ends (the server counts 10 s)
    expect(answers.every((seen) => !seen.renamed)).toBe(true)
    expect(answers.slice(0, -1).every((seen) => seen.cache === 'HIT')).toBe(true)
    await expect.poll(async () => (await answer()).renamed, { interval: 250, timeout: 15_000 }).toBe(true)
    console.info(
      `ISR cycle: stale at ${staleAfter} ms after render, fresh ${Date.now() - renderedAt - staleAfter} ms later`,
    )
  }, 40_000)

  it('leaves formatting prices and days to the server: no script of a public page makes a formatter', async () => {
    // A phone's first Intl formatter loads its locale's currency or calendar data: 10–50 ms of a
    // starting page's main thread, a listing's biggest single cost in Lighthouse's profile.
    const outfit = await outfitWithItems()
    const product = outfit.items[0]!.product
    const pages = ['/', '/products', `/outfits/${outfit.slug}`, `/products/${product.slug}`]
    const scripts = new Set<string>()
    for (const page of pages) {
      const html = await (await fetch(`${server.url}${page}`)).text()
      for (const [, src] of html.matchAll(/<script src="(\/_next\/static\/[^"]+\.js)"/g)) scripts.add(src!)
    }
    expect(scripts.size).toBeGreaterThan(5)
    const formatting: string[] = []
    for (const src of scripts) {
      const code = await (await fetch(`${server.url}${src}`)).text()
      if (/\bIntl\.|\.toLocale(Date|Time)?String\(/.test(code)) formatting.push(src)
    }
    expect(formatting).toEqual([])
    const offers = await fetch(`${server.url}/api/offers?sku=${encodeURIComponent(product.sku)}`)
    expect(((await offers.json()) as { offers: { price: string }[] }).offers[0]!.price).toMatch(/^€[\d,]+\.\d\d$/)
    const commented = await prisma().comment.findFirstOrThrow({ where: { status: 'PUBLISHED', targetType: 'OUTFIT' } })
    const { slug } = await prisma().outfit.findUniqueOrThrow({ where: { id: commented.targetId } })
    const comments = await fetch(`${server.url}/api/comments?type=outfit&slug=${slug}`)
    const { comments: listed } = (await comments.json()) as { comments: { postedOn: string }[] }
    expect(listed.length).toBeGreaterThan(0)
    for (const comment of listed) expect(comment.postedOn).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/)
  })
})

describe('npm run cache:warm', () => {
  // Asynchronous: on the embedded database this process serves the database the pages are read from.
  const warm = (...args: string[]) => {
    const child = spawn('npm', ['run', '-s', 'cache:warm', '--', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('exit', (status) => resolve({ status, stdout, stderr })),
    )
  }

  it('requests every page of the sitemap once, so the next visitor finds it rendered', async () => {
    const sitemap = await (await fetch(`${server.url}/sitemap.xml`)).text()
    const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc!).pathname)
    expect(pages.length).toBeGreaterThan(100)
    const warmed = await warm(server.url, '--concurrency', '4')
    expect(warmed.status, `${warmed.stdout}\n${warmed.stderr}`).toBe(0)
    expect(warmed.stdout).toContain(`Warming ${pages.length} pages of ${server.url}, 4 at a time.`)
    expect(warmed.stdout).toMatch(new RegExp(`Warmed ${pages.length} pages in [\\d.]+ s`))
    // The last page warmed: rendered and kept by the warm-up, not by this request.
    const last = await fetch(`${server.url}${pages.at(-1)}`)
    expect(last.status).toBe(200)
    expect(['HIT', 'STALE']).toContain(last.headers.get('x-lookbook-cache'))
  }, 180_000)

  // sharp's libvips costs each worker about 20 MB of resident memory. Only editors' uploads and the
  // link-preview picture need it, so rendering every public page must not load it.
  it('renders every page of the sitemap without loading the image library into the worker', async () => {
    const worker = Number(execFileSync('pgrep', ['-P', String(server.child.pid)], { encoding: 'utf8' }).trim())
    const libvipsMapped = () => readFileSync(`/proc/${worker}/maps`, 'utf8').includes('libvips')
    expect(libvipsMapped()).toBe(false) // after the warm-up above rendered every page
    const outfit = await prisma().outfit.findFirstOrThrow({ where: { published: true }, include: { cover: true } })
    const preview = await fetch(`${server.url}/share/${outfit.cover!.key}`)
    expect([preview.status, preview.headers.get('content-type')]).toEqual([200, 'image/jpeg'])
    expect(libvipsMapped()).toBe(true) // the check sees it once the share picture loads it
  }, 60_000)

  it('says what is wrong, and exits 1, when it cannot warm', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`
    const unreachable = await warm(nobody)
    expect(unreachable.status).toBe(1)
    expect(unreachable.stderr).toContain(`cache:warm: cannot reach ${nobody}/sitemap.xml: Error: connect ECONNREFUSED`)
    expect((await warm(server.url, '--concurrency', '0')).stderr).toContain(
      '--concurrency is a whole number from 1 to 32',
    )
    expect((await warm('ftp://example.com')).stderr).toContain('"ftp://example.com" is not an http(s) URL')
    const help = await warm('--help')
    expect([help.status, help.stdout]).toEqual([0, expect.stringContaining('Requests every page listed')])
  }, 60_000)
})

describe('visitors from Facebook', () => {
  it('keeps utm and fbclid in a cookie and lands on the clean URL', async () => {
    const outfit = await outfitWithItems()
    const response = await fetch(
      `${server.url}/outfits/${outfit.slug}?fbclid=IwAR123&utm_source=facebook&utm_campaign=autumn`,
      { redirect: 'manual' },
    )
    expect(response.status).toBe(307)
    expect(new URL(response.headers.get('location')!, server.url).toString()).toBe(
      `${server.url}/outfits/${outfit.slug}`,
    )
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/lb_attribution=/)
    expect(decodeURIComponent(cookie)).toContain('"fbclid":"IwAR123"')
    expect(cookie).toMatch(/HttpOnly/i)
  })

  it('gives every page a title, description, canonical URL and structured data', async () => {
    const outfit = await outfitWithItems()
    const html = await (await fetch(`${server.url}/outfits/${outfit.slug}`)).text()
    expect(html).toContain(`<title>${outfit.title} — ${outfit.idol.name} · Lookbook</title>`)
    expect(html).toMatch(/<meta name="description" content="[^"]+"/)
    expect(html).toContain(`<link rel="canonical" href="${server.url}/outfits/${outfit.slug}"`)
    expect(html).toContain('"@type":"ItemList"')
    expect((await fetch(`${server.url}/outfits/no-such-look`)).status).toBe(404)
  })
})

describe('a shopper in the browser', () => {
  it.runIf(browserAvailable())(
    'goes landing → idol → outfit → product, likes, comments and sees live prices',
    async () => {
      const page = await browser!.newPage({ viewport: { width: 390, height: 844 } })
      const problems: string[] = []
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
      page.on('pageerror', (error) => problems.push(error.message))
      const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true })

      await settle(page, `${server.url}/`)
      const idolName = (await page.locator('.idol-card strong').first().textContent())!
      await page.locator('.idol-card').first().click()
      await page.waitForURL(/\/idols\//)
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(idolName)
      await shot('idol')

      await page.locator('.outfit-card').first().click()
      await page.waitForURL(/\/outfits\//)
      await page.locator('.offer .price').first().waitFor() // the live price island filled in
      const likeCount = page.getByTestId('like-count')
      await expect.poll(() => likeCount.textContent()).toMatch(/^\d+$/)
      const before = Number(await likeCount.textContent())
      const liked = page.waitForResponse(
        (response) => response.url().includes('/api/likes') && response.request().method() === 'POST',
      )
      await page.getByRole('button', { name: /Like this look/ }).click()
      await expect.poll(() => likeCount.textContent()).toBe(String(before + 1)) // optimistic, at once
      expect((await liked).status()).toBe(200)
      await page.reload({ waitUntil: 'load' })
      await expect.poll(() => page.getByTestId('like-count').textContent()).toBe(String(before + 1))
      await expect.poll(() => page.locator('.like-button').getAttribute('aria-pressed')).toBe('true')
      await expect.poll(() => page.locator('.like-button').textContent()).toContain('Liked this look')

      await page.getByRole('button', { name: 'Post comment' }).click()
      await page.getByText('Please give a name.').waitFor()
      await page.getByLabel('Name', { exact: true }).fill('Robin')
      await page.getByLabel('Comment', { exact: true }).fill('The coat is perfect for the season.')
      await page.getByRole('button', { name: 'Post comment' }).click()
      await page.getByText('Thanks: your comment is up.').waitFor()
      await page.getByText('The coat is perfect for the season.').waitFor()
      await shot('outfit')
      await page.reload({ waitUntil: 'load' })
      await page.getByText('The coat is perfect for the season.').waitFor()

      await page.locator('.piece-name').first().click()
      await page.waitForURL(/\/products\//)
      await page.locator('.product-offer .price').waitFor()
      const sku = (await page.locator('.facts dd').nth(2).textContent())!
      const current = await prisma().product.findUniqueOrThrow({ where: { sku } })
      await expect(page.locator('.product-offer .price').textContent()).resolves.toBe(euros(current.priceCents))
      await shot('product')
      // The one expected failure: the empty comment the test sent on purpose (400, shown as field errors).
      expect(problems.filter((problem) => !problem.includes('status of 400'))).toEqual([])
      expect(problems.filter((problem) => problem.includes('status of 400'))).toHaveLength(1)
      await page.close()
    },
    90_000,
  )

  it.runIf(browserAvailable())(
    'filters products by two facets from the URL-backed filter panel',
    { timeout: 90_000 },
    async () => {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
      await page.goto(`${server.url}/products`)
      const all = Number((await page.locator('.lede').textContent())!.match(/\d+/)![0])
      await page.locator('.facet-value', { hasText: 'Knitwear' }).click()
      await page.waitForURL(/category=Knitwear/)
      await page.locator('details', { hasText: 'Colour' }).locator('summary').click()
      const colour = page.locator('details', { hasText: 'Colour' }).locator('.facet-value:not(.empty-value)').first()
      const colourName = (await colour.textContent())!.replace(/[☐☑]|\(\d+\)/g, '').trim()
      await colour.click()
      await page.waitForURL(new RegExp(`color=${encodeURIComponent(colourName)}`))
      const filtered = Number((await page.locator('.lede').textContent())!.match(/\d+/)![0])
      expect(filtered).toBeGreaterThan(0)
      expect(filtered).toBeLessThan(all)
      const expected = await prisma().product.count({
        where: { active: true, category: 'Knitwear', colors: { has: colourName } },
      })
      expect(filtered).toBe(expected)
      for (const meta of await page.locator('.product-card .meta').allTextContents()) {
        expect(meta).toContain('Knitwear')
        expect(meta).toContain(colourName)
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, 'products-filtered.png'), fullPage: true })
      // The same URL, shared, shows the same result.
      const shared = await browser!.newPage()
      await settle(shared, page.url())
      await expect(shared.locator('.lede').textContent()).resolves.toContain(String(filtered))
      await shared.close()
      await page.close()
    },
  )

  it.runIf(browserAvailable())(
    'opens the shots lightbox with the keyboard and closes it with Escape',
    { timeout: 90_000 },
    async () => {
      const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } })
      await settle(page, `${server.url}/shots`)
      await page.locator('.shot-thumb').first().focus()
      await page.keyboard.press('Enter')
      await page.getByRole('dialog').waitFor()
      await expect(page.getByRole('dialog').textContent()).resolves.toContain('1 / ')
      await page.keyboard.press('ArrowRight')
      await expect(page.getByRole('dialog').textContent()).resolves.toContain('2 / ')
      await page.screenshot({ path: path.join(SCREENSHOTS, 'shots-lightbox.png') })
      await page.keyboard.press('Escape')
      await expect(page.getByRole('dialog').count()).resolves.toBe(0)
      await expect(page.evaluate(() => document.activeElement?.className)).resolves.toContain('shot-thumb')
      await page.close()
    },
  )
})

adminAccessSuite(() => ({ server, browser }))
adminEditingSuite(() => ({ server, browser }))
editsReachPagesSuite(() => ({ server, browser }))
hostileAddressesSuite(() => ({ server, browser }))
clientAddressSuite(() => ({ server, browser }))
fuzzSuite(() => ({ server, browser }))
adminMediaSuite(() => ({ server, browser }))
adminEditorsSuite(() => ({ server, browser }))
facebookJourneySuite(() => ({ server, browser }))
phoneJourneySuite(() => ({ server, browser }))
legalPagesSuite(() => ({ server, browser }))
campaignReportSuite(() => ({ server, browser }))
requestLogSuite(() => ({ server, browser }))

describe('server start', () => {
  it('refuses to start with a wrong setting and names it', async () => {
    await expect(startNext({ ...database.env(), DATABASE_URL: 'nonsense' }, { emptyCache: false })).rejects.toThrow(
      /DATABASE_URL must be a PostgreSQL URL/,
    )
    await expect(startNext({ ...database.env(), HASH_SALT: '' }, { emptyCache: false })).rejects.toThrow(
      /HASH_SALT is required in production/,
    )
    await expect(startNext({ ...database.env(), SITE_URL: '' }, { emptyCache: false })).rejects.toThrow(
      /SITE_URL is required in production: the address visitors use/,
    )
    await expect(startNext({ ...database.env(), SERVER_ACTIONS_SECRET: '' }, { emptyCache: false })).rejects.toThrow(
      /SERVER_ACTIONS_SECRET is required in production/,
    )
    await expect(startNext({ ...database.env(), LOG_LEVEL: 'loud' }, { emptyCache: false })).rejects.toThrow(
      /LOG_LEVEL must be one of fatal, error, warn, info/,
    )
  })
})
