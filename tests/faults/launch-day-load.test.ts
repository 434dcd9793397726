// Launch day: 100 shoppers (browse, live prices, like and unlike, comment, click out to the shop)
// and 5 editors (editing the same few outfits at once, uploading images) for a minute, against one
// production server on PostgreSQL and a Redis of the test's own. Correctness under load first: no
// 5xx and no dropped connection; every like, comment, edit and upload the server acknowledged is
// stored exactly once (and nothing it refused); every save over someone else's newer save is
// refused with that newer version shown. Speed is reported, not asserted (speed targets are the
// bench's to check, on a machine not shared with the rest of the suite): the p99 of page views,
// to the last byte, against the 200 ms the launch asks for.
//
// The shoppers run in this process as async loops over keep-alive connections (node:http, see
// `send`), thinking 0–50 ms between steps. The report says where the two cores went (this process,
// the server, PostgreSQL, Redis, anything else on the machine) and how late this process's event
// loop ran, so a client that fell behind would show. LAUNCH_LOAD_SECONDS shortens the minute for
// local iteration.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import zlib from 'node:zlib'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { short } from '@/lib/data/admin/editing'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { processTree, statusMb } from '../bench/process-memory'
import {
  actionForm,
  actionIdOf,
  formStateOf as formStateOfFlight,
  OUTFIT_SAVE_ACTION,
  unchangedOutfitFields,
  unescapeHtml,
} from '../support/action-form'
import { sessionCookieFor } from '../support/admin-session'
import { useFreshDatabase } from '../support/database'
import { startNext, useBuildCopy, type RunningServer } from '../support/next-server'
import { canRunOwnRedis, createOwnRedis, type OwnRedis } from '../support/own-redis'
import { stagedUploads } from '../support/uploads'
import { testDatabaseUrl } from '../support/test-env'

const DIST_DIR = '.next-test-launch-day'
const LOAD_SECONDS = Number(process.env.LAUNCH_LOAD_SECONDS || 60)
const SHOPPERS = 100
const EDITORS = 5
/** The outfits every editor works on at once: few, so that their saves really collide. */
const EDITED_OUTFITS = 3
/** An editor reads the form and types for this long (ms) before saving, while the others save. */
const TYPING_MS = [2_000, 6_000] as const
/** And pauses this long (ms) between one save or upload and the next. */
const PAUSE_MS = [500, 2_000] as const
const PAGE_VIEW_P99_MS = 200
// Two workers, as `npm start` runs on this two-core machine when memory allows (decision 011): a
// render on one does not stall the other's cache hits, and the cross-worker invalidation relay is
// under load too (a save answered by one worker must reach the other's caches before its answer).
const WEB_CONCURRENCY = '2'

// A test of the PostgreSQL pass (launch day does not run on the embedded database), with a Redis
// of its own: the load fills it with rate-limit counters, upload tickets and shared invalidations.
const runnable = Boolean(testDatabaseUrl()) && canRunOwnRedis

const KINDS = ['page', 'offers', 'like', 'comment', 'shop click', 'admin page', 'edit', 'upload step'] as const
type Kind = (typeof KINDS)[number]

/** What the load saw, per kind of request: durations, statuses, and anything that went wrong. */
class Observed {
  readonly durations = new Map<Kind, number[]>(KINDS.map((kind) => [kind, []]))
  readonly statuses = new Map<Kind, Map<number, number>>(KINDS.map((kind) => [kind, new Map()]))
  /** 5xx answers, network errors and answers no correct server gives, with what was asked. */
  readonly failures: string[] = []
  private failureCount = 0
  /** Page view durations by what the front cache said (HIT, MISS, …): where the slow ones come from. */
  readonly pagesByCache = new Map<string, number[]>()
  /** Misses by kind of page (`/outfits/…` for every outfit page): which pages visitors waited for. */
  readonly misses = new Map<string, number>()

  record(kind: Kind, status: number, ms: number) {
    this.durations.get(kind)!.push(ms)
    const statuses = this.statuses.get(kind)!
    statuses.set(status, (statuses.get(status) ?? 0) + 1)
  }

  fail(what: string) {
    // The first ones in full, then a count: a broken server must not flood the report.
    if (++this.failureCount <= 100) this.failures.push(what)
    else this.failures[100] = `… and ${this.failureCount - 100} more`
  }

  recordPage(url: string, cacheStatus: string, ms: number) {
    const durations = this.pagesByCache.get(cacheStatus) ?? []
    durations.push(ms)
    this.pagesByCache.set(cacheStatus, durations)
    if (cacheStatus !== 'MISS') return
    const [, first, ...rest] = url.split('/')
    const kind = `/${first}${rest.length > 0 ? '/…' : ''}`
    this.misses.set(kind, (this.misses.get(kind) ?? 0) + 1)
  }

  missesByPage(): string {
    return [...this.misses]
      .sort(([, a], [, b]) => b - a)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ')
  }

  summary(kind: Kind) {
    return Observed.summaryOf(this.durations.get(kind)!, this.statuses.get(kind)!)
  }

  /** Page views per front-cache status: count, p50, p99 and how many took over the target. */
  pageCacheSummary(slowMs: number): string {
    return [...this.pagesByCache]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([cache, durations]) => {
        const { count, p50, p99 } = Observed.summaryOf(durations, new Map())
        const slow = durations.filter((ms) => ms >= slowMs).length
        return `${cache} ${count} (p50 ${p50} ms, p99 ${p99} ms, ${slow} over ${slowMs} ms)`
      })
      .join(', ')
  }

  private static summaryOf(durations: number[], byStatus: Map<number, number>) {
    const sorted = [...durations].sort((a, b) => a - b)
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0)
    const statuses = [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ')
    return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1) ?? 0), statuses }
  }
}

// The load's HTTP client: node:http over keep-alive connections. fetch costs several times its CPU
// per request and decompresses every body; on two cores shared with the server, the client's own
// work would show up as the server's latency. Bodies are read in full, decoded only when looked at.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })
type Sent = { method?: string; headers?: Record<string, string>; body?: string | Buffer | FormData }
type Answer = { status: number; headers: http.IncomingHttpHeaders; readonly text: string }

async function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Sent['body'],
  keepAlive = true,
): Promise<Answer> {
  let payload: string | Buffer | undefined
  if (body instanceof FormData) {
    // Multipart, encoded as fetch encodes it.
    const encoded = new Response(body)
    payload = Buffer.from(await encoded.arrayBuffer())
    headers = { ...headers, 'content-type': encoded.headers.get('content-type')! }
  } else payload = body
  return new Promise((resolve, reject) => {
    const sent = http.request(
      url,
      { method, headers, agent: keepAlive ? agent : false, timeout: 20_000 },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () => {
          const raw = Buffer.concat(chunks)
          let text: string | undefined
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            get text() {
              return (text ??= decode(raw, response.headers['content-encoding']))
            },
          })
        })
      },
    )
    sent.on('timeout', () => sent.destroy(new Error('no answer within 20 s')))
    sent.on('error', reject)
    sent.end(payload)
  })
}

function decode(raw: Buffer, encoding: string | undefined): string {
  if (encoding === 'br') return zlib.brotliDecompressSync(raw).toString('utf8')
  if (encoding === 'gzip') return zlib.gunzipSync(raw).toString('utf8')
  if (encoding === 'deflate') return zlib.inflateSync(raw).toString('utf8')
  return raw.toString('utf8')
}

const CLOCK_TICKS = 100 // USER_HZ, the unit of /proc's CPU times on Linux

/** CPU time (user + system) a process has used so far, in seconds; 0 once it is gone. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // After the command's closing parenthesis: state is field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return 0
  }
}

/** CPU time the whole machine has spent busy so far (all cores), in seconds. */
function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number)
  const idle = ticks[3]! + ticks[4]! // idle and iowait
  return (ticks.reduce((sum, n) => sum + n, 0) - idle) / CLOCK_TICKS
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const random = (below: number) => Math.floor(Math.random() * below)
const between = ([low, high]: readonly [number, number]) => low + random(high - low)
const pick = <T>(items: readonly T[]): T => items[random(items.length)]!

/** The outfit form's state as the save action returns it (app/admin/outfits/[id]/actions.ts). */
type OutfitFormState = {
  message?: string
  error?: string
  version?: number
  values?: { title: string; description: string }
  conflict?: { id: string; version: number; values: { title: string; description: string } }
}

const formStateOf = (flight: string) => formStateOfFlight<OutfitFormState>(flight)

type Edited = { id: string; slug: string; title: string; version: number; fields: Record<string, string> }

/** An outfit as its edit form holds it: the fields the editors here leave alone, sent back unchanged. */
function editable(outfit: {
  id: string
  slug: string
  title: string
  version: number
  published: boolean
  featured: boolean
  publishedAt: Date | null
  idolId: string
  coverId: string | null
}): Edited {
  return {
    id: outfit.id,
    slug: outfit.slug,
    title: outfit.title,
    version: outfit.version,
    fields: unchangedOutfitFields(outfit),
  }
}

type SavedEdit = { outfitId: string; sentVersion: number; version: number; title: string; description: string }
type RefusedEdit = {
  outfitId: string
  sentVersion: number
  title: string
  shown: NonNullable<OutfitFormState['conflict']>
}
type Target = { type: 'outfit' | 'product'; slug: string }

describe.runIf(runnable)('launch day: 100 shoppers and 5 editors at once', () => {
  const database = useFreshDatabase()
  let redis: OwnRedis | undefined
  let server: RunningServer
  let saveActionId: string
  let editorCookies: string[]

  useBuildCopy(DIST_DIR)

  beforeAll(async () => {
    redis = await createOwnRedis()
    await seedDemoData(prisma(), mediaStorage())
    server = await startNext({ ...database.env(), REDIS_URL: redis.url, WEB_CONCURRENCY }, { distDir: DIST_DIR })
    saveActionId = await actionIdOf(...OUTFIT_SAVE_ACTION)
    editorCookies = await Promise.all(
      Array.from({ length: EDITORS }, (_, n) => sessionCookieFor(`launch-editor-${n}@example.com`, 'EDITOR')),
    )
  }, 600_000)

  afterAll(async () => {
    if (process.env.DEBUG_E2E) console.info(server?.output.join('').slice(-20_000))
    agent.destroy() // the shoppers' idle keep-alive connections
    await server?.stop()
    await redis?.remove()
  })

  /** The outfit form with a new title and description, the other fields as they were. */
  function outfitForm(cookie: string, outfit: Edited, version: number, title: string, description: string): Sent {
    const fields = { ...outfit.fields, version: String(version), title, description }
    return { method: 'POST', ...actionForm(saveActionId, server.url, cookie, fields) }
  }

  /** The title an outfit's public page shows now. */
  async function publicTitle(slug: string): Promise<string | undefined> {
    const html = await (await fetch(`${server.url}/outfits/${slug}`)).text()
    const escaped = /<h1>([^<]*)<\/h1>/.exec(html)?.[1]
    return escaped && unescapeHtml(escaped)
  }

  it(
    'stores every acknowledged like, comment, edit and upload once, and refuses stale saves showing the newer version',
    { timeout: (LOAD_SECONDS + 90) * 1000 },
    async () => {
      const db = prisma()
      const observed = new Observed()

      // ---- What the load works on, from the seeded database.
      const [outfits, products, idols] = await Promise.all([
        db.outfit.findMany({
          where: { published: true },
          orderBy: { slug: 'asc' },
          include: { items: { orderBy: { position: 'asc' }, include: { product: { select: { sku: true } } } } },
        }),
        db.product.findMany({ where: { active: true }, orderBy: { slug: 'asc' } }),
        db.idol.findMany({ where: { published: true }, orderBy: { slug: 'asc' } }),
      ])
      const edited = outfits.slice(0, EDITED_OUTFITS).map(editable)
      const categories = [...new Set(products.map((product) => product.category))].sort()
      const pages = [
        '/',
        '/idols',
        '/outfits',
        '/products',
        '/shots',
        '/socials',
        ...categories.map((category) => `/products?category=${encodeURIComponent(category)}`),
        ...idols.map((idol) => `/idols/${idol.slug}`),
        ...outfits.map((outfit) => `/outfits/${outfit.slug}`),
        ...products.map((product) => `/products/${product.slug}`),
      ]
      // The live prices an outfit page asks for: its first pieces' SKUs.
      const offers = outfits.map(
        (outfit) =>
          `/api/offers?${outfit.items
            .slice(0, 5)
            .map((item) => `sku=${encodeURIComponent(item.product.sku)}`)
            .join('&')}`,
      )
      const likeTargets: Target[] = [
        ...outfits.slice(0, 8).map((outfit) => ({ type: 'outfit' as const, slug: outfit.slug })),
        ...products.slice(0, 12).map((product) => ({ type: 'product' as const, slug: product.slug })),
      ]

      // Distinct images (their colour encodes editor and number), drawn before the clock starts.
      const images = await Promise.all(
        Array.from({ length: EDITORS * 40 }, (_, n) =>
          sharp({
            create: { width: 48, height: 32, channels: 3, background: { r: n % 256, g: Math.floor(n / 256), b: 77 } },
          })
            .png()
            .toBuffer(),
        ),
      )

      /** One request, timed to its last byte, with whatever went wrong recorded. */
      async function request(kind: Kind, url: string, init: Sent = {}): Promise<Answer | null> {
        const method = init.method ?? 'GET'
        const started = performance.now()
        try {
          const answer = await send(new URL(url, server.url), method, init.headers ?? {}, init.body)
          const ms = performance.now() - started
          observed.record(kind, answer.status, ms)
          if (kind === 'page') observed.recordPage(url, String(answer.headers['x-lookbook-cache'] ?? 'none'), ms)
          if (answer.status >= 500) observed.fail(`${answer.status} ${method} ${url}: ${answer.text.slice(0, 300)}`)
          return answer
        } catch (error) {
          observed.fail(`no answer to ${method} ${url}: ${(error as Error).message}`)
          return null
        }
      }

      // Warm-up, off the clock: every page rendered once by every worker, as in the minutes
      // before a launch. The primary deals new connections to the workers in turn, so each page is
      // asked for as many times as there are workers in a row, each time on a new connection.
      for (const page of pages) {
        for (let worker = 0; worker < Number(WEB_CONCURRENCY); worker++) {
          const answer = await send(new URL(page, server.url), 'GET', { connection: 'close' }, undefined, false)
          expect(answer.status, page).toBe(200)
        }
      }

      // ---- Shoppers.
      /** Each visitor's last acknowledged like state per target, by "visitor type slug". */
      const likeStates = new Map<string, boolean>()
      let likesRefused = 0
      const visitors = new Set<string>()
      const acceptedComments = new Map<string, string>() // id → body
      const refusedComments: string[] = [] // bodies answered 429
      let visits = 0
      let clickOuts = 0

      /** A page view is a whole page: 200, and the document to its end (not an empty or cut-off body). */
      function checkPage(page: string, answer: Answer): boolean {
        if (answer.status === 200 && answer.text.trimEnd().endsWith('</html>')) return true
        const cache = `front cache ${answer.headers['x-lookbook-cache']}, Next ${answer.headers['x-nextjs-cache']}`
        observed.fail(
          `${answer.status} GET ${page} (${cache}): ${answer.text.length} characters, ${answer.text.slice(-80)}`,
        )
        return false
      }

      async function shopper(n: number, until: number) {
        while (Date.now() < until) {
          // A visit: a new visitor (cookie) from an address of its own, except every tenth shopper,
          // whose visits all come from one address (an office, a carrier's NAT): there the
          // per-address limits refuse some comments, which must then not be stored.
          const visit = visits++
          const visitor = randomUUID()
          visitors.add(visitor)
          const address =
            n % 10 === 0 ? `203.0.113.${n / 10 + 1}` : `10.${(visit >> 16) & 255}.${(visit >> 8) & 255}.${visit & 255}`
          const headers = { cookie: `lb_visitor=${visitor}`, 'x-forwarded-for': address, 'accept-encoding': 'gzip, br' }
          const json = { ...headers, 'content-type': 'application/json' }
          let comments = 0
          const steps = 10 + random(20)
          for (let step = 0; step < steps && Date.now() < until; step++) {
            const roll = step === 0 ? 0 : Math.random()
            if (roll < 0.5) {
              // The landing page first; then a third of the views go to the looks being edited.
              const page = step === 0 ? '/' : Math.random() < 0.3 ? `/outfits/${pick(edited).slug}` : pick(pages)
              const answer = await request('page', page, { headers })
              if (answer) checkPage(page, answer)
            } else if (roll < 0.65) {
              const url = pick(offers)
              const answer = await request('offers', url, { headers })
              if (answer && answer.status !== 200) observed.fail(`${answer.status} GET ${url}: ${answer.text}`)
            } else if (roll < 0.8) {
              const target = pick(likeTargets)
              const key = `${visitor} ${target.type} ${target.slug}`
              const liked = !likeStates.get(key) // like, or take a like back
              const answer = await request('like', '/api/likes', {
                method: 'POST',
                headers: json,
                body: JSON.stringify({ ...target, liked }),
              })
              if (answer?.status === 200) {
                likeStates.set(key, liked)
                const state = JSON.parse(answer.text) as { liked: boolean }
                if (state.liked !== liked) observed.fail(`like ${key} answered ${answer.text} to liked:${liked}`)
              } else if (answer?.status === 429) likesRefused++
              else if (answer) observed.fail(`${answer.status} POST /api/likes: ${answer.text}`)
            } else if (roll < 0.87) {
              const slug = Math.random() < 0.5 ? pick(edited).slug : pick(outfits).slug
              const body = `Love this look! (shopper ${n}, visit ${visit}, comment ${++comments}, ${randomUUID()})`
              const answer = await request('comment', '/api/comments', {
                method: 'POST',
                headers: json,
                body: JSON.stringify({ type: 'outfit', slug, authorName: `Shopper ${n}`, body }),
              })
              if (answer?.status === 201) {
                const { comment } = JSON.parse(answer.text) as { comment: { id: string; body: string } }
                acceptedComments.set(comment.id, body)
                if (comment.body !== body) observed.fail(`comment ${comment.id} answered with ${comment.body}`)
              } else if (answer?.status === 429) refusedComments.push(body)
              else if (answer) observed.fail(`${answer.status} POST /api/comments: ${answer.text}`)
            } else {
              // Click out: the product page, its shop link (/go, which counts the click) and where
              // that sends the shopper (not followed: an outside host).
              const product = pick(products)
              const page = `/products/${product.slug}`
              const answer = await request('page', page, { headers })
              if (answer && checkPage(page, answer)) {
                const link = /<a class="button" href="([^"]+)"[^>]*>Buy at the shop/.exec(answer.text)?.[1]
                const go = link ? await request('shop click', link.replaceAll('&amp;', '&'), { headers }) : null
                const location = go?.status === 302 ? String(go.headers.location ?? '') : ''
                const out = location ? new URL(location) : null
                if (out && out.host !== new URL(server.url).host && out.searchParams.get('utm_source') === 'lookbook')
                  clickOuts++
                else observed.fail(`${page}: shop link ${link ?? 'missing'} went to ${location || go?.status}`)
              }
            }
            await sleep(random(51))
          }
        }
      }

      // ---- Editors.
      const saved: SavedEdit[] = []
      const refused: RefusedEdit[] = []
      const uploaded: { mediaId: string; alt: string }[] = []

      const saveOutfit = (cookie: string, outfit: Edited, version: number, title: string, description: string) =>
        request('edit', `/admin/outfits/${outfit.id}`, outfitForm(cookie, outfit, version, title, description))

      async function edit(n: number, cookie: string, seen: Map<string, number>, count: number) {
        const outfit = pick(edited)
        // The form as the editor last saw it; half the time they open (or reload) the page first.
        if (!seen.has(outfit.id) || Math.random() < 0.5) {
          const page = await request('admin page', `/admin/outfits/${outfit.id}`, { headers: { cookie } })
          const version = page && /name="version" value="(\d+)"/.exec(page.text)?.[1]
          if (!version) return observed.fail(`admin page of ${outfit.slug}: ${page?.status} without a version`)
          seen.set(outfit.id, Number(version))
        }
        await sleep(between(TYPING_MS))
        const sentVersion = seen.get(outfit.id)!
        const title = `${outfit.title} · editor ${n} edit ${count}`
        const description = `Styled for launch day by editor ${n} (edit ${count}).`
        const answer = await saveOutfit(cookie, outfit, sentVersion, title, description)
        if (!answer) return
        const state = answer.status === 200 ? formStateOf(answer.text) : null
        if (state?.message && state.version) {
          saved.push({ outfitId: outfit.id, sentVersion, version: state.version, title, description })
          seen.set(outfit.id, state.version)
        } else if (state?.conflict) {
          refused.push({ outfitId: outfit.id, sentVersion, title, shown: state.conflict })
          // The refusal says why, keeps the typing and shows the newer version, which the editor
          // then starts from.
          if (!/Someone else saved this outfit/.test(state.error ?? ''))
            observed.fail(`a refused save without its reason: ${answer.text.slice(0, 300)}`)
          if (state.values?.title !== title) observed.fail(`a refused save lost the typing: ${answer.text}`)
          seen.set(outfit.id, state.conflict.version)
        } else observed.fail(`save of ${outfit.slug} answered ${answer.status}: ${answer.text.slice(0, 300)}`)
      }

      /** An image through the three steps the admin's browser takes: start, PUT, complete. */
      async function upload(n: number, cookie: string, count: number) {
        const body = images[n * 40 + (count % 40)]!
        const alt = `Launch image ${n}-${count}`
        const json = { cookie, 'content-type': 'application/json' }
        const started = await request('upload step', '/api/admin/uploads', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ name: `launch-${n}-${count}.png`, type: 'image/png', bytes: body.length }),
        })
        if (started?.status !== 201) return observed.fail(`upload start: ${started?.status} ${started?.text}`)
        const ticket = JSON.parse(started.text) as { uploadId: string; url: string }
        const put = await request('upload step', ticket.url, {
          method: 'PUT',
          headers: { cookie, 'content-type': 'image/png' },
          body,
        })
        if (put?.status !== 204) return observed.fail(`upload PUT: ${put?.status} ${put?.text}`)
        const completed = await request('upload step', `/api/admin/uploads/${ticket.uploadId}/complete`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ alt }),
        })
        if (completed?.status !== 201) return observed.fail(`upload complete: ${completed?.status} ${completed?.text}`)
        const { media } = JSON.parse(completed.text) as { media: { id: string } }
        uploaded.push({ mediaId: media.id, alt })
      }

      async function editor(n: number, until: number) {
        const cookie = editorCookies[n]!
        const seen = new Map<string, number>()
        for (let count = 1; Date.now() < until; count++) {
          // Starting at different points, so that the uploads do not all come at once.
          if ((count + n) % 4 === 0) await upload(n, cookie, count)
          else await edit(n, cookie, seen, count)
          await sleep(between(PAUSE_MS))
        }
      }

      // ---- The minute itself, with where the two cores went: this process (the load), the
      // server, PostgreSQL's backends for this database (the pools' connections, open since the
      // warm-up), Redis, and every other process on the machine.
      const backends = (
        await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`
      ).map((row) => row.pid)
      const cpuOf = {
        'this process': () => (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
        server: () => processTree(server.child.pid!).reduce((sum, pid) => sum + cpuSeconds(pid), 0),
        postgres: () => backends.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
        redis: () => cpuSeconds(redis!.pid()),
        machine: machineBusySeconds,
      }
      const cpuBefore = Object.fromEntries(Object.entries(cpuOf).map(([name, read]) => [name, read()]))
      const loopDelay = monitorEventLoopDelay({ resolution: 10 })
      loopDelay.enable()
      const startedAt = performance.now()
      const until = Date.now() + LOAD_SECONDS * 1000
      await Promise.all([
        ...Array.from({ length: SHOPPERS }, (_, n) => shopper(n, until)),
        ...Array.from({ length: EDITORS }, (_, n) => editor(n, until)),
      ])
      const elapsed = (performance.now() - startedAt) / 1000
      loopDelay.disable()
      const cores = Object.fromEntries(
        Object.entries(cpuOf).map(([name, read]) => [name, (read() - cpuBefore[name]!) / elapsed]),
      ) as Record<keyof typeof cpuOf, number>
      const others = cores.machine - cores['this process'] - cores.server - cores.postgres - cores.redis
      const memory = processTree(server.child.pid!).map(
        (pid) =>
          `${pid === server.child.pid ? 'primary' : 'worker'} ${Math.round(statusMb(pid, 'VmRSS'))} MB ` +
          `(peak ${Math.round(statusMb(pid, 'VmHWM'))} MB)`,
      )

      // ---- The report, before the checks, so that a failure comes with its figures.
      const pageViews = observed.summary('page')
      const standingLikes = [...likeStates.values()].filter(Boolean).length
      console.info(
        [
          `Launch day: ${elapsed.toFixed(1)} s, ${SHOPPERS} shoppers (${visits} visits), ${EDITORS} editors on ` +
            `${EDITED_OUTFITS} outfits, WEB_CONCURRENCY=${WEB_CONCURRENCY}`,
          `  page views p99 ${pageViews.p99} ms (launch target ${PAGE_VIEW_P99_MS} ms: ` +
            `${pageViews.p99 < PAGE_VIEW_P99_MS ? 'met' : 'NOT MET'})`,
          `  page views by front cache: ${observed.pageCacheSummary(PAGE_VIEW_P99_MS)}`,
          `  misses by page: ${observed.missesByPage()}`,
          ...KINDS.map((kind) => {
            const { count, p50, p99, max, statuses } = observed.summary(kind)
            return `  ${kind.padEnd(11)} ${String(count).padStart(6)}   p50 ${p50} ms, p99 ${p99} ms, max ${max} ms   [${statuses}]`
          }),
          `  click-outs: ${clickOuts} shop links read (${(clickOuts / elapsed).toFixed(1)}/s)`,
          `  edits: ${saved.length} saved, ${refused.length} refused as conflicts; uploads: ${uploaded.length} completed`,
          `  likes: ${observed.summary('like').count - likesRefused} acknowledged (${standingLikes} standing), ` +
            `${likesRefused} refused (429); comments: ${acceptedComments.size} accepted, ${refusedComments.length} refused (429)`,
          `  cores busy (of ${os.cpus().length}): ` +
            (['this process', 'server', 'postgres', 'redis'] as const)
              .map((name) => `${name} ${cores[name].toFixed(2)}`)
              .join(', ') +
            `, other processes ${Math.max(0, others).toFixed(2)}`,
          `  this process's event loop: p99 ${Math.round(loopDelay.percentile(99) / 1e6)} ms late, ` +
            `max ${Math.round(loopDelay.max / 1e6)} ms`,
          `  server memory at the end: ${memory.join(', ')}`,
        ].join('\n'),
      )

      // ---- No 5xx, no dropped connection, no wrong answer; and the load was real.
      expect(observed.failures).toEqual([])
      expect(pageViews.count).toBeGreaterThan(SHOPPERS * 5)
      expect(saved.length).toBeGreaterThan(0)
      expect(uploaded.length).toBeGreaterThan(0)
      // The editors collided (a minute of five editors on three outfits always does; a shortened
      // local run may not).
      if (LOAD_SECONDS >= 30) expect(refused.length).toBeGreaterThan(0)

      // ---- Likes: each visitor's last acknowledged state, exactly; counters agree with the rows.
      const targetIds = new Map<string, string>([
        ...outfits.map((outfit) => [`outfit ${outfit.slug}`, outfit.id] as const),
        ...products.map((product) => [`product ${product.slug}`, product.id] as const),
      ])
      const rowsByKey = new Map<string, number>()
      for (const like of await db.like.findMany()) {
        if (!visitors.has(like.visitorId)) continue // the seed's
        const key = `${like.visitorId} ${like.targetType} ${like.targetId}`
        rowsByKey.set(key, (rowsByKey.get(key) ?? 0) + 1)
      }
      const likeProblems: string[] = []
      for (const [key, liked] of likeStates) {
        const [visitor, type, slug] = key.split(' ')
        const rowKey = `${visitor} ${type!.toUpperCase()} ${targetIds.get(`${type} ${slug}`)}`
        const rows = rowsByKey.get(rowKey) ?? 0
        if (rows !== (liked ? 1 : 0)) likeProblems.push(`${key}: ${liked ? 'liked' : 'taken back'}, ${rows} rows`)
        rowsByKey.delete(rowKey)
      }
      for (const [key, rows] of rowsByKey) likeProblems.push(`${key}: ${rows} rows no acknowledged like explains`)
      expect(likeProblems).toEqual([])
      const [likeRows, shardSums] = await Promise.all([
        db.like.groupBy({ by: ['targetType', 'targetId'], _count: { _all: true } }),
        db.likeCount.groupBy({ by: ['targetType', 'targetId'], _sum: { count: true } }),
      ])
      const rowsPerTarget = new Map(likeRows.map((row) => [`${row.targetType} ${row.targetId}`, row._count._all]))
      const counted = new Map(shardSums.map((row) => [`${row.targetType} ${row.targetId}`, row._sum.count ?? 0]))
      const counterProblems = [...new Set([...rowsPerTarget.keys(), ...counted.keys()])]
        .filter((key) => (rowsPerTarget.get(key) ?? 0) !== (counted.get(key) ?? 0))
        .map((key) => `${key}: ${rowsPerTarget.get(key) ?? 0} likes, counters say ${counted.get(key) ?? 0}`)
      expect(counterProblems).toEqual([])

      // ---- Comments: the accepted ones once each, the refused ones not at all, nothing else.
      const commentRows = (await db.comment.findMany({ select: { id: true, body: true, visitorId: true } })).filter(
        (comment) => visitors.has(comment.visitorId),
      )
      expect(commentRows.filter((row) => acceptedComments.get(row.id) !== row.body)).toEqual([])
      expect(commentRows).toHaveLength(acceptedComments.size)
      const refusedBodies = new Set(refusedComments)
      expect(commentRows.filter((row) => refusedBodies.has(row.body))).toEqual([])

      // ---- Edits: each saved one in the audit log once, in an unbroken chain of versions; each
      // refusal showed a real, newer version (the one another save made).
      for (const outfit of edited) {
        const saves = saved.filter((edit) => edit.outfitId === outfit.id).sort((a, b) => a.version - b.version)
        const byVersion = new Map(saves.map((edit) => [edit.version, edit]))
        // Versions 2, 3, 4 … each made by exactly one save, from the version before it.
        expect(saves.map((edit) => edit.version)).toEqual(saves.map((_, i) => outfit.version + 1 + i))
        expect(saves.filter((edit) => edit.version !== edit.sentVersion + 1)).toEqual([])
        const row = await db.outfit.findUniqueOrThrow({ where: { id: outfit.id } })
        expect(row.version).toBe(outfit.version + saves.length)
        expect(row.title).toBe(saves.at(-1)?.title ?? outfit.title)

        const events = await db.auditEvent.findMany({
          where: { entityType: 'Outfit', entityId: outfit.id, action: 'outfit.update' },
        })
        const titlesAfter = events.map((event) => (event.after as { title: string }).title)
        expect(titlesAfter.sort()).toEqual(saves.map((edit) => edit.title).sort())
        for (const event of events) {
          const after = event.after as { title: string; description: string }
          const save = saves.find((one) => one.title === after.title)!
          expect(after.description).toBe(short(save.description))
          // Each save started from the one before it: nothing was written over unseen.
          expect((event.before as { title: string }).title).toBe(byVersion.get(save.version - 1)?.title ?? outfit.title)
        }

        for (const refusal of refused.filter((one) => one.outfitId === outfit.id)) {
          const newer = byVersion.get(refusal.shown.version)
          expect(refusal.shown.id).toBe(outfit.id)
          expect(refusal.shown.version).toBeGreaterThan(refusal.sentVersion)
          expect(refusal.shown.values.title).toBe(newer?.title)
          expect(refusal.shown.values.description).toBe(short(newer!.description))
          expect(titlesAfter).not.toContain(refusal.title) // and nothing of it was stored
        }

        // Shoppers see the last save on the public page, whichever worker answers.
        for (let i = 0; i < 4; i++) expect(await publicTitle(outfit.slug)).toBe(row.title)
      }

      // ---- Uploads: a row, an audit event and a stored object each, once; nothing left staged.
      const media = await db.media.findMany({ where: { id: { in: uploaded.map((one) => one.mediaId) } } })
      expect(media).toHaveLength(uploaded.length)
      expect(new Set(media.map((row) => row.key)).size).toBe(uploaded.length)
      for (const one of uploaded) expect(media.find((row) => row.id === one.mediaId)?.alt).toBe(one.alt)
      const editorIds = (await db.editor.findMany({ where: { email: { startsWith: 'launch-editor-' } } })).map(
        (row) => row.id,
      )
      const uploadEvents = await db.auditEvent.findMany({
        where: { action: 'media.upload', editorId: { in: editorIds } },
      })
      expect(uploadEvents.map((event) => event.entityId).sort()).toEqual(uploaded.map((one) => one.mediaId).sort())
      for (const row of media) expect(await mediaStorage().exists(row.key), row.key).toBe(true)
      expect(await stagedUploads(database.dataDir)).toEqual([])
    },
  )

  // What the minute above can only catch now and then (a render in flight when the last save of an
  // outfit lands), made to happen: shoppers open the page just before an editor saves, so that
  // renders read the old title and store their page after the save. Before the cache handler dated
  // stored pages from their request's start, one round in eight kept the old title for 300 s.
  it('shows a save on the public page even when renders that read the version before it finish after it', async () => {
    const [row] = await prisma().outfit.findMany({
      where: { published: true },
      orderBy: { slug: 'asc' },
      skip: EDITED_OUTFITS, // one the load did not edit
      take: 1,
    })
    const outfit = editable(row!)
    let version = outfit.version
    const save = async (title: string) => {
      const form = outfitForm(editorCookies[0]!, outfit, version, title, '')
      const answer = await send(new URL(`/admin/outfits/${outfit.id}`, server.url), 'POST', form.headers!, form.body)
      const state = formStateOf(answer.text)
      expect(state?.message, answer.text.slice(0, 300)).toBeDefined()
      version = state!.version!
    }
    const stale: string[] = []
    for (let round = 1; round <= 40; round++) {
      await save(`Race ${round}, first`)
      const views = Array.from({ length: 6 }, async (_, n) => {
        await sleep(n * 5)
        await (await fetch(`${server.url}/outfits/${outfit.slug}`)).text()
      })
      await sleep(random(40))
      await save(`Race ${round}, second`)
      await Promise.all(views)
      for (let n = 0; n < 4; n++) {
        const shown = await publicTitle(outfit.slug)
        if (shown !== `Race ${round}, second`) stale.push(`round ${round}: ${shown}`)
      }
    }
    expect(stale).toEqual([])
  }, 90_000)
})
