// The front response cache's rules, against a real HTTP server with a scripted origin behind it.
import http, { type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { FrontCache, type CapturedResponse } from '@/lib/server/front-cache'

type Answer = {
  status?: number
  headers?: Record<string, string | string[]>
  body?: string
  delayMs?: number
  tags?: string[]
}

/** A front cache over an origin that answers what the test scripts, counting what it is asked. */
async function setUp(
  script: (url: string, headers: IncomingHttpHeaders) => Answer,
  options: { maxBytes?: number; maxRefreshes?: number; maxReplaced?: number; replaceWithinMs?: number } = {},
) {
  let clock = 1_000_000
  const asked: { url: string; headers: IncomingHttpHeaders }[] = []
  const cache = new FrontCache(
    async ({ url, headers }) => {
      asked.push({ url, headers })
      const answer = script(url, headers)
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs))
      return {
        status: answer.status ?? 200,
        headers: { 'content-type': 'text/html; charset=utf-8', ...answer.headers },
        body: Buffer.from(answer.body ?? 'x'),
        tags: answer.tags,
      } satisfies CapturedResponse
    },
    { ...options, maxBytes: options.maxBytes ?? 10 * 1024 * 1024, now: () => clock },
  )
  const server = http.createServer((request, response) => {
    void cache.serve(request, response).then((served) => {
      if (!served) response.end('from next')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  const port = (server.address() as AddressInfo).port
  return {
    cache,
    asked,
    advance: (ms: number) => (clock += ms),
    get: (path: string, headers: Record<string, string> = {}, method = 'GET') => request(port, path, headers, method),
  }
}

type Reply = { status: number; headers: IncomingHttpHeaders; body: Buffer }
function request(port: number, path: string, headers: Record<string, string>, method: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const servers: http.Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

const SHARED = { 'cache-control': 's-maxage=10, stale-while-revalidate=300' }
const PAGE = '<html>' + 'a page with enough text to be worth compressing. '.repeat(60) + '</html>'

describe('front cache', () => {
  it('answers a shareable page from memory after the first request, without asking the origin again', async () => {
    const front = await setUp(() => ({ headers: SHARED, body: PAGE }))
    const first = await front.get('/outfits/a')
    const second = await front.get('/outfits/a')
    expect([first.headers['x-lookbook-cache'], second.headers['x-lookbook-cache']]).toEqual(['MISS', 'HIT'])
    expect(second.body.toString()).toBe(PAGE)
    expect(second.headers['cache-control']).toBe(SHARED['cache-control'])
    expect(front.asked).toHaveLength(1)
  })

  it('asks the origin once for many requests arriving together', async () => {
    const front = await setUp(() => ({ headers: SHARED, body: PAGE, delayMs: 100 }))
    const replies = await Promise.all(Array.from({ length: 25 }, () => front.get('/outfits/a')))
    expect(front.asked).toHaveLength(1)
    expect(new Set(replies.map((reply) => reply.body.toString()))).toEqual(new Set([PAGE]))
  })

  it('asks the origin for the plain body and serves brotli, gzip or plain as each browser accepts', async () => {
    const front = await setUp(() => ({ headers: SHARED, body: PAGE }))
    await front.get('/p')
    expect(front.asked[0]!.headers['accept-encoding']).toBeUndefined()
    const br = await front.get('/p', { 'accept-encoding': 'gzip, deflate, br' })
    const gzip = await front.get('/p', { 'accept-encoding': 'gzip, br;q=0' })
    const plain = await front.get('/p', { 'accept-encoding': 'identity' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.body).toString()).toBe(PAGE)
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).toString()).toBe(PAGE)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(PAGE)
    expect(br.body.length).toBeLessThan(PAGE.length / 4)
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(br.headers.vary).toMatch(/Accept-Encoding/)
  })

  it('never keeps an answer that sets a cookie, is private or no-store, or is not a page', async () => {
    const answers: Record<string, Answer> = {
      '/cookie': { headers: { ...SHARED, 'set-cookie': ['a=1; Path=/'] } },
      '/private': { headers: { 'cache-control': 'private, max-age=60' } },
      '/no-store': { headers: { 'cache-control': 'no-store' } },
      '/missing': { status: 404, headers: SHARED },
      '/broken': { status: 500, headers: SHARED },
      '/no-cache-control': {},
    }
    const front = await setUp((url) => answers[url]!)
    for (const url of Object.keys(answers)) {
      const first = await front.get(url)
      const second = await front.get(url)
      expect([first.headers['x-lookbook-cache'], second.headers['x-lookbook-cache']], url).toEqual(['MISS', 'MISS'])
      expect(second.status).toBe(answers[url]!.status ?? 200)
    }
    expect(front.asked).toHaveLength(Object.keys(answers).length * 2)
    expect((await front.get('/cookie')).headers['set-cookie']).toEqual(['a=1; Path=/'])
  })

  it('does not hand one visitor’s cookie to another who asked at the same moment', async () => {
    let visitor = 0
    const front = await setUp(() => ({ headers: { ...SHARED, 'set-cookie': [`v=${++visitor}`] }, delayMs: 50 }))
    const replies = await Promise.all([front.get('/x'), front.get('/x'), front.get('/x')])
    expect(new Set(replies.map((reply) => String(reply.headers['set-cookie'])))).toEqual(new Set(['v=1', 'v=2', 'v=3']))
  })

  it('passes editors, previews, authorised and non-GET requests and live paths to Next untouched', async () => {
    const front = await setUp(() => ({ headers: SHARED, body: PAGE }))
    const bypassed = [
      await front.get('/outfits/a', { cookie: 'lb_visitor=x; lb_session=abc' }),
      await front.get('/outfits/a', { cookie: '__prerender_bypass=1' }),
      await front.get('/outfits/a', { authorization: 'Bearer x' }),
      await front.get('/outfits/a', {}, 'POST'),
      await front.get('/api/offers?sku=A'),
      await front.get('/admin/outfits'),
    ]
    for (const reply of bypassed) {
      expect(reply.headers['x-lookbook-cache']).toBe('BYPASS')
      expect(reply.body.toString()).toBe('from next')
    }
    expect(front.asked).toHaveLength(0)
    // A visitor's own cookies (visitor id, campaign attribution) change nothing in a page.
    expect(
      (await front.get('/outfits/a', { cookie: 'lb_visitor=x; lb_attribution=y' })).headers['x-lookbook-cache'],
    ).toBe('MISS')
    expect((await front.get('/api/offerstore')).headers['x-lookbook-cache']).toBe('MISS')
  })

  it('keeps the RSC payload and the HTML of one URL apart, and keeps nothing that varies on other headers', async () => {
    const front = await setUp((url, headers) =>
      url === '/cookie-vary'
        ? { headers: { ...SHARED, vary: 'Cookie' } }
        : { headers: { ...SHARED, vary: 'rsc, Accept-Encoding' }, body: headers.rsc ? 'rsc payload' : PAGE },
    )
    expect((await front.get('/o')).body.toString()).toBe(PAGE)
    expect((await front.get('/o', { rsc: '1' })).body.toString()).toBe('rsc payload')
    expect((await front.get('/o')).body.toString()).toBe(PAGE)
    expect((await front.get('/o', { rsc: '1' })).headers['x-lookbook-cache']).toBe('HIT')
    await front.get('/cookie-vary')
    expect((await front.get('/cookie-vary')).headers['x-lookbook-cache']).toBe('MISS')
  })

  it('keeps nothing that varies on Accept (pages do not; images are never negotiated here)', async () => {
    const front = await setUp((url) => ({ headers: { ...SHARED, vary: 'Accept' }, body: url }))
    const safari = { accept: 'image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5' }
    for (const url of ['/page-by-accept', '/_next/image?url=%2Fmedia%2Fa.jpg&w=640&q=75']) {
      await front.get(url, safari)
      expect((await front.get(url, safari)).headers['x-lookbook-cache'], url).toBe('MISS')
    }
  })

  it('serves a stale copy while one request refreshes it, then the new one', async () => {
    let version = 1
    const front = await setUp(() => ({ headers: SHARED, body: `v${version}`, delayMs: 20 }))
    await front.get('/p')
    version = 2
    front.advance(11_000)
    const stale = await Promise.all([front.get('/p'), front.get('/p'), front.get('/p')])
    expect(stale.map((reply) => [reply.headers['x-lookbook-cache'], reply.body.toString()])).toEqual([
      ['STALE', 'v1'],
      ['STALE', 'v1'],
      ['STALE', 'v1'],
    ])
    await new Promise((resolve) => setTimeout(resolve, 60))
    const fresh = await front.get('/p')
    expect([fresh.headers['x-lookbook-cache'], fresh.body.toString()]).toEqual(['HIT', 'v2'])
    expect(front.asked).toHaveLength(2)
    front.advance(400_000) // past stale-while-revalidate: the visitor waits for a fresh copy
    expect((await front.get('/p')).headers['x-lookbook-cache']).toBe('MISS')
  })

  it('refreshes many pages that went stale together a few at a time, serving their stale copies meanwhile', async () => {
    let version = 1
    let running = 0
    let mostAtOnce = 0
    const front = await setUp(
      () => {
        running += 1
        mostAtOnce = Math.max(mostAtOnce, running)
        setTimeout(() => (running -= 1), 15) // the scripted origin answers after 15 ms
        return { headers: SHARED, body: `v${version}`, delayMs: 15 }
      },
      { maxRefreshes: 2 },
    )
    const pages = Array.from({ length: 10 }, (_, i) => `/products/p${i}`)
    for (const page of pages) await front.get(page)
    mostAtOnce = 0
    version = 2
    front.advance(11_000)
    const stale = await Promise.all(pages.map((page) => front.get(page)))
    expect(stale.map((reply) => reply.headers['x-lookbook-cache'])).toEqual(pages.map(() => 'STALE'))
    await expect.poll(() => front.asked.length, { timeout: 2000 }).toBe(20)
    expect(mostAtOnce).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 30))
    const fresh = await Promise.all(pages.map((page) => front.get(page)))
    expect(fresh.map((reply) => [reply.headers['x-lookbook-cache'], reply.body.toString()])).toEqual(
      pages.map(() => ['HIT', 'v2']),
    )
  })

  it('keeps a page Next served stale only as stale, so the re-rendered one follows quickly', async () => {
    let nextCache = 'STALE'
    const front = await setUp(() => ({ headers: { ...SHARED, 'x-nextjs-cache': nextCache }, body: nextCache }))
    await front.get('/p')
    nextCache = 'HIT'
    expect((await front.get('/p')).headers['x-lookbook-cache']).toBe('STALE')
    await new Promise((resolve) => setTimeout(resolve, 20))
    const reply = await front.get('/p')
    expect([reply.headers['x-lookbook-cache'], reply.body.toString()]).toEqual(['HIT', 'HIT'])
  })

  it('forgets everything on clear(), including an answer that was on its way', async () => {
    let version = 1
    const front = await setUp(() => ({ headers: SHARED, body: `v${version}`, delayMs: 50 }))
    await front.get('/p')
    version = 2
    front.cache.clear()
    const during = front.get('/q') // asked before the next clear, answered after it
    await new Promise((resolve) => setTimeout(resolve, 10))
    front.cache.clear()
    expect((await during).body.toString()).toBe('v2')
    expect((await front.get('/q')).headers['x-lookbook-cache']).toBe('MISS')
    const after = await front.get('/p')
    expect([after.headers['x-lookbook-cache'], after.body.toString()]).toEqual(['MISS', 'v2'])
  })

  describe('after an invalidation, with an origin that joins requests to a render under way (as Next does)', () => {
    /** A front cache over an origin rendering `v<version>`, read when each render begins. */
    async function overJoiningOrigin() {
      const state = { version: 1 }
      const rendering = new Map<string, Promise<string>>()
      const render = (url: string) => {
        const started = rendering.get(url)
        if (started) return started
        const read = `v${state.version}`
        const page = new Promise<string>((resolve) => setTimeout(() => resolve(read), 60))
        rendering.set(url, page)
        void page.then(() => rendering.delete(url))
        return page
      }
      const cache = new FrontCache(
        async ({ url }) => ({
          status: 200,
          headers: { ...SHARED, 'content-type': 'text/html' },
          body: Buffer.from(await render(url)),
        }),
        { maxBytes: 1024 * 1024 },
      )
      const server = http.createServer((request, response) => {
        if (request.headers.cookie)
          void cache.servePassThrough(request, response) // an editor
        else if (request.headers['x-direct'])
          void cache.passToNext(request, async () => void response.end(await render(request.url!)))
        else void cache.serve(request, response)
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      servers.push(server)
      const port = (server.address() as AddressInfo).port
      const get = async (headers: Record<string, string> = {}) => {
        const reply = await request(port, '/p', headers, 'GET')
        return [reply.headers['x-lookbook-cache'], reply.body.toString()]
      }
      /** Saves version 2 while a render of version 1 is under way, and invalidates. */
      const saveDuring = async () => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        state.version = 2
        cache.clear()
      }
      return { get, saveDuring }
    }

    it('never keeps the page of a render begun before it, which a later request joined', async () => {
      const { get, saveDuring } = await overJoiningOrigin()
      const before = get() // renders v1, answers after the save
      await saveDuring()
      expect(await get()).toEqual(['MISS', 'v2'])
      expect(await before).toEqual(['MISS', 'v1'])
      expect(await get()).toEqual(['HIT', 'v2'])
    })

    it('waits for an editor’s render begun before it, and shows the editor the save', async () => {
      const { get, saveDuring } = await overJoiningOrigin()
      const editorBefore = get({ cookie: 'session=1' })
      await saveDuring()
      expect(await get()).toEqual(['MISS', 'v2'])
      expect(await editorBefore).toEqual(['BYPASS', 'v1'])
      expect(await get({ cookie: 'session=1' })).toEqual(['BYPASS', 'v2'])
      expect(await get()).toEqual(['HIT', 'v2'])
    })

    it('waits for a render of the page Next was asked for directly (a router payload, say)', async () => {
      const { get, saveDuring } = await overJoiningOrigin()
      const direct = get({ 'x-direct': '1' })
      await saveDuring()
      expect(await get()).toEqual(['MISS', 'v2'])
      expect(await direct).toEqual([undefined, 'v1'])
      expect(await get()).toEqual(['HIT', 'v2'])
    })
  })

  it('forgets on invalidation only the answers that show an invalidated tag, or whose tags are unknown', async () => {
    let version = 1
    const tagsOf: Record<string, string[] | undefined> = {
      '/outfits/a': ['outfit:a', '_N_T_/outfits/a'],
      '/outfits/b': ['outfit:b', '_N_T_/outfits/b'],
      '/unknown': undefined,
    }
    const front = await setUp((url) => ({
      headers: url === '/script.js' ? { 'cache-control': 'public, max-age=31536000, immutable' } : SHARED,
      body: `${url} v${version}`,
      tags: tagsOf[url],
    }))
    const paths = ['/outfits/a', '/outfits/b', '/unknown', '/script.js']
    for (const path of paths) await front.get(path)
    version = 2
    front.cache.invalidate(['outfit:a', 'outfits'])
    const after = await Promise.all(paths.map(async (path) => (await front.get(path)).body.toString()))
    expect(after).toEqual(['/outfits/a v2', '/outfits/b v1', '/unknown v2', '/script.js v1'])
    version = 3
    front.cache.invalidate(['_N_T_/outfits/b']) // revalidatePath('/outfits/b')
    expect((await front.get('/outfits/b')).body.toString()).toBe('/outfits/b v3')
    expect((await front.get('/outfits/a')).body.toString()).toBe('/outfits/a v2')
  })

  it('forgets on a like only the answers of its tag, without touching pages on their way or their refreshes', async () => {
    let version = 1
    const front = await setUp((url) => ({
      headers: SHARED,
      body: `${url} v${version}`,
      tags: url.startsWith('/api/reactions/') ? ['reactions:outfit:a'] : url === '/unknown' ? undefined : ['outfit:a'],
      delayMs: url === '/slow' ? 60 : 0,
    }))
    for (const path of ['/api/reactions/outfit/a', '/outfits/a', '/unknown']) await front.get(path)
    version = 2
    // A page on its way while the like arrives is still kept: a like is not an editor's save.
    const slow = front.get('/slow')
    await new Promise((resolve) => setTimeout(resolve, 10))
    front.cache.forget(['reactions:outfit:a'])
    expect((await slow).headers['x-lookbook-cache']).toBe('MISS')
    expect((await front.get('/slow')).headers['x-lookbook-cache']).toBe('HIT')
    const bodies = async (paths: string[]) =>
      Promise.all(paths.map(async (path) => (await front.get(path)).body.toString()))
    expect(await bodies(['/api/reactions/outfit/a', '/outfits/a', '/unknown'])).toEqual([
      '/api/reactions/outfit/a v2',
      '/outfits/a v1',
      '/unknown v1',
    ])
    // A like while a stale page is being refreshed: that refresh and the next ones still happen.
    front.advance(11_000)
    expect((await front.get('/slow')).headers['x-lookbook-cache']).toBe('STALE')
    front.cache.forget(['reactions:outfit:a'])
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await front.get('/slow')).body.toString()).toBe('/slow v2')
    version = 3
    front.advance(11_000)
    expect((await front.get('/slow')).headers['x-lookbook-cache']).toBe('STALE')
    await new Promise((resolve) => setTimeout(resolve, 100))
    const refreshed = await front.get('/slow')
    expect([refreshed.headers['x-lookbook-cache'], refreshed.body.toString()]).toEqual(['HIT', '/slow v3'])
  })

  it('does not keep an answer of a forgotten tag that was on its way', async () => {
    let likes = 1
    const front = await setUp(() => ({
      headers: SHARED,
      body: `likes ${likes}`,
      tags: ['reactions:outfit:a'],
      delayMs: 40,
    }))
    const onItsWay = front.get('/api/reactions/outfit/a')
    await new Promise((resolve) => setTimeout(resolve, 10))
    likes = 2
    front.cache.forget(['reactions:outfit:a'])
    expect((await onItsWay).body.toString()).toBe('likes 1')
    const next = await front.get('/api/reactions/outfit/a')
    expect([next.headers['x-lookbook-cache'], next.body.toString()]).toEqual(['MISS', 'likes 2'])
  })

  it('lists its most visited answers without the visitor, and warms a cache from such a list', async () => {
    const slow = (url: string) => (url.startsWith('/slow') ? 200 : 0)
    const front = await setUp((url) => ({ headers: SHARED, body: url, delayMs: slow(url) }))
    const visitor = { cookie: 'lb_visitor=someone', 'user-agent': 'Phone', accept: 'text/html' }
    // Visits after the first (the miss); a query that can name someone is never listed.
    const visits = { '/a': 2, '/b': 5, '/c': 4, '/d': 1, '/c?email=someone@example.com': 6 }
    for (const [path, times] of Object.entries(visits))
      for (let i = 0; i < times + 1; i++) await front.get(path, visitor)
    for (let i = 0; i < 4; i++) await front.get('/b', { ...visitor, rsc: '1' })
    expect(front.cache.hottest(2)).toEqual([
      { url: '/b', headers: {} },
      { url: '/c', headers: {} },
    ])
    // Visited once after its miss: not hot (a just-started worker shares no list of its warm-up).
    expect(front.cache.hottest(10).map(({ url }) => url)).toEqual(['/b', '/c', '/b', '/a'])

    const cold = await setUp((url) => ({ headers: SHARED, body: url, delayMs: slow(url) }))
    const warmed = await cold.cache.warm(
      ['/slow-1', '/slow-2', '/later'].reduce((list, url) => [...list, { url, headers: {} }], front.cache.hottest(10)),
      100,
    )
    expect(warmed).toBe(4) // /b, /c, /a and /b's payload; the slow ones took longer than allowed, /later never began
    expect((await cold.get('/b', { rsc: '1' })).headers['x-lookbook-cache']).toBe('HIT')
    expect((await cold.get('/a')).headers['x-lookbook-cache']).toBe('HIT')
    expect(cold.asked.map((asked) => asked.url)).not.toContain('/later')
    expect(cold.asked.every((asked) => asked.headers.cookie === undefined)).toBe(true)
  })

  describe('replacing what an invalidation concerns (an editor’s save)', () => {
    /** Pages tagged by their path's last segment, showing the version of the data when their render began. */
    async function pages(delayMs: number, options: Parameters<typeof setUp>[1] = {}) {
      const state = { version: 1 }
      const front = await setUp((url) => {
        const version = state.version
        return { headers: SHARED, body: `${url} v${version}`, tags: [url.split('/').pop()!], delayMs }
      }, options)
      const body = async (path: string) => {
        const reply = await front.get(path)
        return `${String(reply.headers['x-lookbook-cache'])} ${reply.body.toString()}`
      }
      return { front, state, body }
    }

    it('keeps serving the old answers while their replacements render, and settles once they are stored', async () => {
      const { front, state, body } = await pages(50)
      for (const path of ['/outfits/a', '/outfits/b']) await body(path)
      state.version = 2
      const origin = front.asked.length
      let settled = false
      const replaced = front.cache.replace(['a']).then(() => (settled = true))
      // Asked at once, the old page: a visitor does not wait for the render the save caused.
      expect(await body('/outfits/a')).toBe('HIT /outfits/a v1')
      await replaced
      expect(settled).toBe(true)
      expect(await body('/outfits/a')).toBe('HIT /outfits/a v2')
      expect(await body('/outfits/b')).toBe('HIT /outfits/b v1')
      expect(front.asked.length - origin).toBe(1)
    })

    it('fetches again a replacement that read what a later invalidation changed', async () => {
      const { front, state, body } = await pages(60)
      await body('/outfits/a')
      state.version = 2
      const first = front.cache.replace(['a'])
      await new Promise((resolve) => setTimeout(resolve, 20)) // the replacement is rendering v2 …
      state.version = 3 // … when a second save changes the page again
      const second = front.cache.replace(['a'])
      await first
      // The first save is answered only once the page shows data at least as new as it.
      expect(await body('/outfits/a')).toBe('HIT /outfits/a v3')
      await second
      expect(await body('/outfits/a')).toBe('HIT /outfits/a v3')
    })

    it('keeps an answer fetched across an invalidation that does not concern it', async () => {
      const { front, body } = await pages(40)
      const first = front.get('/outfits/a')
      await new Promise((resolve) => setTimeout(resolve, 10))
      front.cache.invalidate(['b'])
      await first
      expect(await body('/outfits/a')).toBe('HIT /outfits/a v1')
    })

    it('replaces the invalidations of one turn together, one render per page', async () => {
      const { front, state, body } = await pages(0)
      await body('/landing/a')
      state.version = 2
      const origin = front.asked.length
      // Next applies a save's tags and its revalidatePath apart, in the same turn.
      await Promise.all([front.cache.replace(['a']), front.cache.replace(['_N_T_/landing/a'])])
      expect(front.asked.length - origin).toBe(1)
      expect(await body('/landing/a')).toBe('HIT /landing/a v2')
    })

    it('on a sibling worker: marks the answers old at once, still serving them, then replaces only what is still old', async () => {
      const { front, state, body } = await pages(0)
      for (const path of ['/outfits/a', '/outfits/b']) await body(path)
      state.version = 2
      front.cache.markInvalidated(['a']) // the saving worker is rendering its pages meanwhile
      expect(await body('/outfits/a')).toBe('HIT /outfits/a v1')
      expect(await body('/x/a')).toBe('MISS /x/a v2') // fetched after it: as new as the save
      const origin = front.asked.length
      await front.cache.replaceOutdated(['a'])
      expect(front.asked.slice(origin).map(({ url }) => url)).toEqual(['/outfits/a'])
      expect(await body('/outfits/a')).toBe('HIT /outfits/a v2')
      expect(await body('/outfits/b')).toBe('HIT /outfits/b v1')
    })

    it('forgets what it cannot replace in time, and what lies beyond the most visited', async () => {
      const slow = await pages(150, { replaceWithinMs: 30 })
      await slow.body('/outfits/a')
      slow.state.version = 2
      await slow.front.cache.replace(['a'])
      // Not replaced within 30 ms: no longer served old; the next visitor waits for the new page.
      expect(await slow.body('/outfits/a')).toBe('MISS /outfits/a v2')

      const few = await pages(0, { maxReplaced: 1 })
      for (const path of ['/p/a', '/q/a', '/q/a', '/q/a']) await few.body(path)
      few.state.version = 2
      await few.front.cache.replace(['a'])
      expect(await few.body('/q/a')).toBe('HIT /q/a v2')
      expect(await few.body('/p/a')).toBe('MISS /p/a v2')
    })
  })

  it('stays within its memory bound, dropping the least recently used pages', async () => {
    const front = await setUp((url) => ({ headers: SHARED, body: `${url}:${'z'.repeat(20_000)}` }), {
      maxBytes: 200_000,
    })
    for (let i = 0; i < 20; i++) await front.get(`/page-${i}`)
    expect(front.cache.size.bytes).toBeLessThanOrEqual(200_000)
    expect(front.cache.size.entries).toBeLessThan(20)
    expect((await front.get('/page-19')).headers['x-lookbook-cache']).toBe('HIT')
    expect((await front.get('/page-0')).headers['x-lookbook-cache']).toBe('MISS')
  })

  it('sends an immutable answer without validators: nobody asks whether it changed', async () => {
    const validators = { etag: '"abc"', 'last-modified': 'Mon, 07 Dec 2026 19:45:16 GMT', 'accept-ranges': 'bytes' }
    const front = await setUp((url) => ({
      headers: {
        'cache-control': url.startsWith('/_next/static')
          ? 'public, max-age=31536000, immutable'
          : SHARED['cache-control'],
        ...validators,
      },
      body: PAGE,
    }))
    for (const [url, kept] of [
      ['/_next/static/chunks/a.js', false],
      ['/p', true],
    ] as const) {
      await front.get(url)
      const hit = await front.get(url, { 'accept-encoding': 'br' })
      expect(hit.headers['x-lookbook-cache']).toBe('HIT')
      for (const name of Object.keys(validators))
        expect(hit.headers[name] !== undefined, `${name} on ${url}`).toBe(kept)
    }
  })

  it('answers HEAD without a body and a matching If-None-Match with 304', async () => {
    const front = await setUp(() => ({ headers: { ...SHARED, etag: '"abc"' }, body: PAGE }))
    const head = await front.get('/p', {}, 'HEAD')
    expect(head.body.length).toBe(0)
    expect(Number(head.headers['content-length'])).toBe(PAGE.length)
    const notModified = await front.get('/p', { 'if-none-match': '"abc"' })
    expect(notModified.status).toBe(304)
    expect(notModified.body.length).toBe(0)
    // Compressed bytes carry a weak validator, which still matches on revalidation.
    const compressed = await front.get('/p', { 'accept-encoding': 'br' })
    expect(compressed.headers.etag).toBe('W/"abc"')
    expect((await front.get('/p', { 'accept-encoding': 'br', 'if-none-match': 'W/"abc"' })).status).toBe(304)
    expect((await front.get('/p', { 'if-none-match': '"other"' })).status).toBe(200)
    expect(front.asked).toHaveLength(1)
  })
})
