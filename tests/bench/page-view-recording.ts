// Whole page views as a phone makes them, recorded from the server being measured: Debian's
// Chromium (tests/support/browser.ts) as a phone (390×844 at 3×, touch) in Facebook's in-app
// browser opens a page as a first-time visitor (a fresh context: no cookies, nothing cached), waits
// for the first screen to settle, scrolls to the bottom a third of a screen every 100 ms so lazy
// images load and links come into view (Next prefetches them), waits until the network has been
// quiet for 750 ms, and keeps every request that reached the server, in the order the browser made
// them: method, path and query, body, and the headers that change the answer. Whatever the page
// asks for in that time counts (the offers it polls every 8 s, once or twice). The bench replays
// those lists with wrk (./page-view-script.ts), so a new script, image or API call counts in the
// figures the day it appears; nothing here is a hand-written list.
//
// Left out of a recording, each listed in `excluded` with its reason:
//   - requests to other origins (Meta's pixel, fonts or images from elsewhere, data: and blob:
//     URLs): this server never answers them;
//   - requests the browser answered from its own cache (memory or disk; a returning visitor's
//     scripts and styles): they never reach the server either;
//   - POST /api/events, the pixel's event relay (an analytics beacon, made only with consent and a
//     pixel configured): each one queues an event for Meta's Conversions API, a write that is not
//     idempotent, so replaying it would measure Meta's queue, not a page view;
//   - on a returning visitor's view, any POST except a like with liked:true (setting a like one
//     already has changes nothing: idempotent per visitor; today's pages make none, and one would
//     meet the per-visitor limit of likes within seconds of replay). Requests made after the view
//     (the like click that makes a visitor a returning one) are not part of any view.
// A first-time view's other POSTs, should a page ever make one, are kept: they are what it costs.
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { browserAvailable, launchBrowser } from '../support/browser'

/** What a request is for, as the report groups them. */
export type RequestKindOfView = 'document' | 'script' | 'style' | 'image' | 'api' | 'prefetch' | 'other'

export const VIEW_KINDS: readonly RequestKindOfView[] = [
  'document',
  'script',
  'style',
  'image',
  'api',
  'prefetch',
  'other',
]

export type RecordedRequest = {
  method: string
  /** Path and query, as the browser asked. */
  path: string
  kind: RequestKindOfView
  /** Lower-case names; only those that change what the server answers (see KEPT_HEADERS). */
  headers: Record<string, string>
  body?: string
  /** What the server answered while recording (the status, and its front cache's header if any). */
  recorded: { status: number | null; cache: string | null }
}

export type ExcludedRequest = { method: string; url: string; reason: string }

export type RecordedView = {
  id: string
  /** The page the view is of. */
  path: string
  requests: RecordedRequest[]
  excluded: ExcludedRequest[]
  /** How long recording took (ms): load, scroll and the quiet network after. */
  tookMs: number
}

/** Facebook's in-app browser on an Android phone, the campaign's usual visitor. */
export const FACEBOOK_ANDROID_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.0.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/483.0.0.45.73;]'

const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 3,
  userAgent: FACEBOOK_ANDROID_AGENT,
}

/**
 * Request headers that change what the server answers: the kind of answer (accept; Next's router
 * headers, which make an RSC payload or a prefetch of one out of a page's URL, and which the front
 * cache keys on), a server action, a body's type, the visitor's cookies, and a revalidation's
 * validators. Any other `next-*` header Next adds later is kept too. The rest (user agent,
 * languages, sec-fetch-*) changes nothing in the answer.
 */
const KEPT_HEADERS = new Set([
  'accept',
  'rsc',
  'next-router-prefetch',
  'next-router-state-tree',
  'next-router-segment-prefetch',
  'next-url',
  'next-action',
  'content-type',
  'cookie',
  'if-none-match',
  'if-modified-since',
])

/** What a browser over TLS would accept; Chromium offers br only over https. */
const ACCEPT_ENCODING = 'gzip, br'

function keptHeaders(all: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(all)) {
    const lower = name.toLowerCase()
    if (lower.startsWith(':')) continue // HTTP/2 pseudo-headers, should Chromium report any
    if (KEPT_HEADERS.has(lower) || lower.startsWith('next-')) kept[lower] = value
  }
  kept['accept-encoding'] = ACCEPT_ENCODING
  return kept
}

export function kindOf(
  resourceType: string,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): RequestKindOfView {
  const [pathname = '', query = ''] = path.split('?')
  if (resourceType === 'document') return 'document'
  if (headers.rsc !== undefined || /(^|&)_rsc=/.test(query)) return 'prefetch'
  if (method === 'GET' && (resourceType === 'script' || /\.m?js$/.test(pathname))) return 'script'
  if (resourceType === 'stylesheet' || pathname.endsWith('.css')) return 'style'
  if (
    resourceType === 'image' ||
    pathname.startsWith('/_next/image') ||
    /\.(svg|png|jpe?g|webp|avif|gif|ico)$/i.test(pathname)
  )
    return 'image'
  if (pathname.startsWith('/api/')) return 'api'
  return 'other'
}

/** Why a returning visitor's POST stays out of the replay, or null when it is idempotent. */
function returningPostExclusion(path: string, body: string | undefined): string | null {
  if (path.split('?')[0] === '/api/likes') {
    try {
      const json = JSON.parse(body ?? '') as { liked?: unknown }
      if (json.liked === true) return null
    } catch {
      // not JSON: not a like the replay could repeat
    }
  }
  return 'a POST of a returning visitor that is not an idempotent like (liked:true)'
}

type Pending = {
  request: Request
  /** Its place among the page's requests, for the order of the view. */
  order: number
  finished: boolean
}

/**
 * Watches one page from before its navigation: every request it makes, which of them the browser
 * answered from its own cache (Chromium's DevTools protocol says so; Playwright does not), and
 * how many are still under way.
 */
class RequestWatch {
  readonly pending: Pending[] = []
  /** "METHOD URL" of requests the browser served from its cache, with how many times. */
  private readonly fromCache = new Map<string, number>()
  private readonly urlOf = new Map<string, string>()
  private lastActivity = Date.now()

  private constructor(private readonly page: Page) {}

  static async start(context: BrowserContext, page: Page): Promise<RequestWatch> {
    const watch = new RequestWatch(page)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    cdp.on('Network.requestWillBeSent', (event) =>
      watch.urlOf.set(event.requestId, `${event.request.method} ${event.request.url}`),
    )
    cdp.on('Network.requestServedFromCache', (event) => watch.servedFromCache(event.requestId))
    cdp.on('Network.responseReceived', (event) => {
      if (event.response.fromDiskCache || event.response.fromServiceWorker) watch.servedFromCache(event.requestId)
    })
    page.on('request', (request) => {
      watch.pending.push({ request, order: watch.pending.length, finished: false })
      watch.lastActivity = Date.now()
    })
    // Answered once its headers are in: a body the page never reads (the browser's background
    // revalidation of a prefetch it served from its cache) can stay open for half a minute.
    const done = (request: Request) => {
      const entry = watch.pending.find((p) => p.request === request)
      if (entry) entry.finished = true
      watch.lastActivity = Date.now()
    }
    page.on('response', (response) => done(response.request()))
    page.on('requestfinished', done)
    page.on('requestfailed', done)
    return watch
  }

  private servedFromCache(requestId: string): void {
    const key = this.urlOf.get(requestId)
    // A request counted twice (memory cache and disk cache events) must not mark two requests.
    if (!key || this.urlOf.get(`cached:${requestId}`)) return
    this.urlOf.set(`cached:${requestId}`, key)
    this.fromCache.set(key, (this.fromCache.get(key) ?? 0) + 1)
  }

  /** Takes one served-from-cache mark for this request, if there is one left. */
  takeCacheMark(request: Request): boolean {
    const key = `${request.method()} ${request.url()}`
    const count = this.fromCache.get(key) ?? 0
    if (count === 0) return false
    this.fromCache.set(key, count - 1)
    return true
  }

  /** Until no request is under way and none started for `quietMs` (at most `timeoutMs`). */
  async quiet(quietMs: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const busy = this.pending.some((p) => !p.finished)
      if (!busy && Date.now() - this.lastActivity >= quietMs) return
      await this.page.waitForTimeout(100)
    }
  }
}

/** Scrolls to the bottom a step at a time, following a page that grows (lazy content). */
async function scrollSlowly(page: Page, stepPx: number, pauseMs: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const atBottom = await page.evaluate((step) => {
      const before = window.scrollY
      window.scrollBy(0, step)
      return (
        window.scrollY === before && window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2
      )
    }, stepPx)
    await page.waitForTimeout(pauseMs)
    if (atBottom) return
  }
}

export type RecordOptions = {
  /** Quiet network needed on the first screen before scrolling (ms). */
  firstScreenMs: number
  /** Quiet network needed after the scroll before a view counts as finished (ms). */
  quietMs: number
  /** Pause between scroll steps (ms). */
  scrollPauseMs: number
}

export const RECORD_OPTIONS: RecordOptions = { firstScreenMs: 500, quietMs: 750, scrollPauseMs: 100 }

/** Opens `pagePath` in `page` and records the view. `returning`: POSTs are kept only when idempotent. */
async function recordView(
  context: BrowserContext,
  page: Page,
  baseUrl: string,
  id: string,
  pagePath: string,
  options: RecordOptions,
  returning = false,
): Promise<RecordedView> {
  const started = Date.now()
  const origin = new URL(baseUrl).origin
  const watch = await RequestWatch.start(context, page)
  // A cold server resizes every image on its first request: the first load can take a while.
  const response = await page.goto(new URL(pagePath, baseUrl).href, { waitUntil: 'load', timeout: 90_000 })
  if (!response || response.status() >= 400)
    throw new Error(`${pagePath} answered ${response?.status() ?? 'nothing'} while recording ${id}`)
  // The first screen, until the page has hydrated and fetched what it shows; then down to the end.
  await watch.quiet(options.firstScreenMs, 10_000)
  await scrollSlowly(page, Math.round(PHONE.viewport.height / 3), options.scrollPauseMs)
  await watch.quiet(options.quietMs, 15_000)
  // The view is what happened until now; anything later is another view's.
  const seen = [...watch.pending]
  const requests: RecordedRequest[] = []
  const excluded: ExcludedRequest[] = []
  for (const { request } of seen.sort((a, b) => a.order - b.order)) {
    const url = new URL(request.url())
    const method = request.method()
    const exclude = (reason: string) => excluded.push({ method, url: request.url(), reason })
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      exclude('not a network request')
      continue
    }
    if (url.origin !== origin) {
      exclude('another origin: this server does not answer it')
      continue
    }
    if (watch.takeCacheMark(request)) {
      exclude("answered from the browser's own cache")
      continue
    }
    const path = `${url.pathname}${url.search}`
    if (method === 'POST' && url.pathname === '/api/events') {
      exclude('analytics beacon that writes (queues an event for Meta), not idempotent')
      continue
    }
    const body = request.postDataBuffer()?.toString('utf8') ?? undefined
    if (returning && method !== 'GET' && method !== 'HEAD') {
      const reason = returningPostExclusion(path, body)
      if (reason) {
        exclude(reason)
        continue
      }
    }
    // As the browser sent them (cookies included); the provisional headers if it never did.
    const all = await withTimeout(request.allHeaders(), 5_000).catch(() => request.headers())
    const headers = keptHeaders(all)
    const answer = await withTimeout(request.response(), 5_000).catch(() => null)
    requests.push({
      method,
      path,
      kind: kindOf(request.resourceType(), path, headers, method),
      headers,
      ...(body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
      recorded: {
        status: answer?.status() ?? null,
        cache: (await answer?.headerValue('x-lookbook-cache').catch(() => null)) ?? null,
      },
    })
  }
  return { id, path: pagePath, requests, excluded, tookMs: Date.now() - started }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

export type ViewPages = { landing: string; outfit: string; product: string; listing: string }
export type FirstView = keyof ViewPages
export type ViewName = FirstView | 'outfit-returning'

export type Recordings = {
  views: Partial<Record<ViewName, RecordedView>>
  /** Views that could not be recorded, with why. */
  failed: Partial<Record<ViewName, string>>
  /** Content-Security-Policy violations the browser reported, if any (the e2e tests fail on them). */
  warnings: string[]
}

/**
 * Records the views asked for, each first-time view in a fresh context of its own, all at once (a
 * view's requests and their order are its own page's; recording them side by side only saves
 * time). 'outfit-returning' records the outfit page once more in the context of the outfit's
 * first-time visitor, after that visitor liked the outfit.
 */
export async function recordPageViews(
  baseUrl: string,
  pages: ViewPages,
  wanted: ViewName[],
  log: (line: string) => void,
  options: RecordOptions = RECORD_OPTIONS,
): Promise<Recordings> {
  if (!browserAvailable()) throw new Error('page views need Chromium (apt-get install -y chromium, or CHROMIUM_PATH)')
  const browser = await launchBrowser()
  const recordings: Recordings = { views: {}, failed: {}, warnings: [] }
  const want = new Set(wanted)
  try {
    const firstViews = (['landing', 'outfit', 'product', 'listing'] as const).filter(
      (name) => want.has(name) || (name === 'outfit' && want.has('outfit-returning')),
    )
    await Promise.all(
      firstViews.map(async (name) => {
        const returning = name === 'outfit' && want.has('outfit-returning')
        await recordInContext(browser, async (context, page) => {
          const first = await recordView(context, page, baseUrl, name, pages[name], options)
          if (want.has(name)) {
            recordings.views[name] = first
            log(describe(first))
          }
          if (!returning) return
          await recordOrNote(recordings, 'outfit-returning', async () => {
            await likeOnPage(page, context)
            await page.close()
            const again = await context.newPage()
            const view = await recordView(context, again, baseUrl, 'outfit-returning', pages.outfit, options, true)
            log(describe(view))
            return view
          })
        }).catch((error: unknown) => {
          const reason = String(error instanceof Error ? error.message : error)
          if (want.has(name)) recordings.failed[name] = reason
          if (returning) recordings.failed['outfit-returning'] ??= `the first visit failed: ${reason}`
        })
      }),
    )
  } finally {
    await browser.close().catch((error: unknown) => {
      recordings.warnings.push(String(error instanceof Error ? error.message : error))
    })
  }
  for (const [name, reason] of Object.entries(recordings.failed)) log(`  could not record ${name}: ${reason}`)
  for (const warning of recordings.warnings) log(`  browser: ${warning}`)
  return recordings
}

async function recordOrNote(recordings: Recordings, name: ViewName, record: () => Promise<RecordedView>) {
  try {
    recordings.views[name] = await record()
  } catch (error) {
    recordings.failed[name] = String(error instanceof Error ? error.message : error)
  }
}

async function recordInContext(
  browser: Browser,
  use: (context: BrowserContext, page: Page) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext(PHONE)
  try {
    await use(context, await context.newPage())
  } finally {
    await context.close()
  }
}

/** Taps the like button and waits for the server's answer to its POST; the visitor then has its cookie. */
async function likeOnPage(page: Page, context: BrowserContext): Promise<void> {
  const button = page.locator('button.like-button').first()
  const answer = page.waitForResponse((response) => response.request().method() === 'POST', { timeout: 15_000 })
  await button.click({ timeout: 15_000 })
  const response = await answer
  if (response.status() >= 400)
    throw new Error(`the like's POST ${new URL(response.url()).pathname} answered ${response.status()}`)
  await response.finished()
  const cookies = await context.cookies()
  if (!cookies.some((cookie) => cookie.name === 'lb_visitor'))
    throw new Error(`no lb_visitor cookie after the like (cookies: ${cookies.map((c) => c.name).join(', ') || 'none'})`)
}

function describe(view: RecordedView): string {
  const counts = VIEW_KINDS.map((kind) => [kind, view.requests.filter((r) => r.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ')
  const left =
    view.excluded.length > 0 ? `; left out ${view.excluded.length} (${summariseExcluded(view.excluded)})` : ''
  return `  recorded ${view.id} ${view.path}: ${view.requests.length} requests (${counts})${left}, ${(view.tookMs / 1000).toFixed(1)} s`
}

/** "3 another origin…; 25 answered from the browser's own cache". */
export function summariseExcluded(excluded: ExcludedRequest[]): string {
  const reasons = new Map<string, number>()
  for (const e of excluded) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1)
  return [...reasons].map(([reason, n]) => `${n} ${reason}`).join('; ')
}
