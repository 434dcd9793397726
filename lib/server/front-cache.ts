// The front response cache: what a CDN would do, inside the server process. Anonymous GET/HEAD
// answers that say they may be shared (`s-maxage`, `stale-while-revalidate`) are kept in memory,
// compressed once per encoding, and served without entering Next at all. Next's own cache path
// costs about a millisecond of CPU per request; a hit here costs a map lookup and a socket write.
// See docs/decisions/010-front-response-cache.md.
import { AsyncResource } from 'node:async_hooks'
import { pathOf } from './request-log'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { LRUCache } from 'lru-cache'
import CachePolicy from 'http-cache-semantics'
import { chooseEncoding, compressVariants, type Encoding } from './compression'
import { cacheKeyOf, requestBypassReason, VARY_HEADERS } from './cacheable-request'
import { NOT_STORED, storedHeaders, varyFor } from './stored-headers'
import { RendersUnderWay } from './renders-under-way'

/** What the origin (Next's request handler, or any handler in tests) answered, body in full. */
export type CapturedResponse = {
  status: number
  headers: Record<string, string | string[]>
  body: Buffer
  /** The cache tags of what the answer shows, when the origin knows them. */
  tags?: string[]
}
export type Origin = (request: {
  method: 'GET'
  url: string
  headers: IncomingHttpHeaders
}) => Promise<CapturedResponse>
export type CacheStatus = 'HIT' | 'MISS' | 'STALE' | 'BYPASS'

type Entry = {
  status: number
  variants: Partial<Record<Encoding, Buffer>> & { identity: Buffer }
  /** Per encoding, the headers to send as a flat [name, value, …] list, length and encoding included. */
  headerBlocks: Partial<Record<Encoding, string[]>>
  etag: string | undefined
  /** What Next's own cache said when this was fetched (told once, with the MISS). */
  originCache: string | undefined
  /** The cache tags it shows; null when unknown (it is then forgotten at every invalidation). */
  tags: ReadonlySet<string> | null
  /** Never changes at its URL (a hashed script): no invalidation concerns it. */
  immutable: boolean
  /** The request that fetched it, to fetch its replacement with after an invalidation. */
  asked: OriginRequest
  /** The cache's generation when it was fetched: old once one of its tags is invalidated after that. */
  fetchedAt: number
  /** Times served from memory (this answer and those it replaced): the most visited are replaced first. */
  hits: number
  storedAt: number
  freshUntil: number
  /** Until when a stale copy may be served while one request refreshes it. */
  staleUntil: number
  bytes: number
}

export type FrontCacheOptions = {
  /** Upper bound of the bodies kept (all encodings together), in bytes. */
  maxBytes: number
  /** The name of the header that says HIT, MISS, STALE or BYPASS. */
  statusHeader?: string
  /**
   * Background refreshes of stale answers running at once; more wait their turn, their stale copy
   * still served. Pages that went stale together (every product page 10 s after a warm-up) would
   * otherwise all render at once: a stall of the whole process and a burst of memory.
   */
  maxRefreshes?: number
  /**
   * Replacing after an invalidation (see `replace`): at most this many answers per
   * invalidation (the most visited), the rest forgotten…
   */
  maxReplaced?: number
  /** … two renders at a time (renders are CPU work: more at once only makes each one slower) … */
  replaceConcurrency?: number
  /** … within this long (ms); one not replaced by then is forgotten, so no old answer outlives it. */
  replaceWithinMs?: number
  now?: () => number
}

/** Statuses worth keeping: pages and permanent redirects. A 404 is never stored (scanners). */
const STORED_STATUSES = new Set([200, 301, 308])

export class FrontCache {
  private readonly entries: LRUCache<string, Entry>
  private readonly inFlight = new Map<string, Promise<Entry | CapturedResponse>>()
  /** Every request this process hands to Next, so none joins a render begun before a save. */
  private readonly renders = new RendersUnderWay()
  /** Keys being refreshed in the background or waiting their turn (in `refreshQueue`). */
  private readonly refreshing = new Set<string>()
  private readonly refreshQueue: { key: string; asked: OriginRequest; generation: number }[] = []
  private refreshesRunning = 0
  private readonly maxRefreshes: number
  /** Bumped by every invalidation: an answer fetched before one of its tags' invalidations is never stored. */
  private generation = 0
  /** The generation of each tag's last invalidation. */
  private readonly invalidatedAt = new Map<string, number>()
  /** The generation of the last invalidation of everything (`clear`). */
  private clearedAt = 0
  /**
   * The generation of the last invalidation (a save, `clear`): it drops the answers on their way
   * and those whose tags are unknown. A `forget` counts as a generation, not as one of these.
   */
  private lastInvalidationAt = 0
  /** Answers to replace once the invalidations of this turn have all been heard, and who waits. */
  private replacing: { entries: Map<string, Entry>; done: Promise<void> } | null = null
  private readonly maxReplaced: number
  private readonly replaceConcurrency: number
  private readonly replaceWithinMs: number
  /** Replacements start outside the request that invalidated (a save inside Next's request context). */
  private readonly outsideRequests = new AsyncResource('lookbook:front-cache-replacement')
  private readonly statusHeader: string
  private readonly now: () => number
  readonly maxEntryBytes: number

  constructor(
    private readonly origin: Origin,
    options: FrontCacheOptions,
  ) {
    this.entries = new LRUCache<string, Entry>({ maxSize: options.maxBytes, sizeCalculation: (entry) => entry.bytes })
    this.maxEntryBytes = Math.max(1, Math.floor(options.maxBytes / 8))
    this.statusHeader = options.statusHeader ?? 'x-lookbook-cache'
    this.now = options.now ?? Date.now
    this.maxRefreshes = options.maxRefreshes ?? 2
    this.maxReplaced = options.maxReplaced ?? 24
    this.replaceConcurrency = options.replaceConcurrency ?? 2
    this.replaceWithinMs = options.replaceWithinMs ?? 1_500
  }

  /** Forgets every stored answer and every answer on its way: the next request asks the origin. */
  clear(): void {
    this.recordInvalidation(null)
    this.entries.clear()
  }

  /**
   * Forgets the stored answers that show any of `tags` (an editor's save names what it changed),
   * those whose tags are unknown, and every answer on its way, whose tags are not known yet. The
   * rest stay: a save of one outfit leaves every product page in memory, compressed.
   */
  invalidate(tags: Iterable<string>): void {
    const invalidated = this.recordInvalidation(tags)
    for (const [key] of this.showing(invalidated)) this.entries.delete(key)
  }

  /**
   * Forgets the answers that show any of `tags`, and nothing else: a visitor's like or comment
   * changes one small shared answer (its record's reactions), many times a second in a spike, so
   * it must not cost what an editor's save costs (answers on their way dropped, renders joined
   * anew, answers of unknown tags forgotten). Answers of these tags on their way are not kept.
   */
  forget(tags: Iterable<string>): void {
    this.generation += 1
    const forgotten = new Set(tags)
    for (const tag of forgotten) this.invalidatedAt.set(tag, this.generation)
    for (const [key, entry] of this.entries.entries()) {
      if (entry.tags && [...forgotten].some((tag) => entry.tags!.has(tag))) this.entries.delete(key)
    }
  }

  /**
   * Like `invalidate`, but the most visited of the answers concerned are kept, and served, until
   * their replacements (fetched at once) are stored: visitors do not wait for the renders an
   * editor's save causes. Settles when every one of them is replaced or forgotten, so that a save
   * answered after it (./invalidation-relay.ts) shows on every later request. The invalidations of
   * one turn (Next applies a save's tags and its paths apart) are replaced together.
   */
  replace(tags: Iterable<string>): Promise<void> {
    return this.replaceOutdated(this.recordInvalidation(tags))
  }

  /**
   * The first half of `replace`, for a sibling worker while the saving worker renders: answers
   * that show `tags` now count as old (nothing fetched before is stored), yet are still served.
   */
  markInvalidated(tags: Iterable<string>): void {
    this.recordInvalidation(tags)
  }

  /**
   * The second half: replaces the stored answers that show `tags` and are older than an
   * invalidation of theirs. On a sibling, after the saving worker rendered the same pages into the
   * disk cache all workers share, this mostly reads them from there instead of rendering again.
   */
  replaceOutdated(tags: Iterable<string>): Promise<void> {
    const outdated = this.showing(new Set(tags)).filter(([, entry]) => !this.isCurrent(entry.fetchedAt, entry.tags))
    const batch = (this.replacing ??= this.startReplacing())
    for (const [key, entry] of outdated) batch.entries.set(key, entry)
    return batch.done
  }

  /** Notes an invalidation of `tags` (null: of everything); nothing fetched before it is kept if it shows them. */
  private recordInvalidation(tags: Iterable<string> | null): Set<string> {
    this.generation += 1
    this.lastInvalidationAt = this.generation
    this.renders.markOld()
    this.inFlight.clear()
    this.refreshing.clear()
    this.refreshQueue.length = 0
    if (tags === null) {
      this.clearedAt = this.generation
      return new Set()
    }
    const invalidated = new Set(tags)
    for (const tag of invalidated) this.invalidatedAt.set(tag, this.generation)
    return invalidated
  }

  /** The stored answers that show any of `tags`, and those whose tags are unknown. */
  private showing(tags: ReadonlySet<string>): [string, Entry][] {
    const shows = (entry: Entry) => {
      if (entry.tags === null) return !entry.immutable
      for (const tag of entry.tags) if (tags.has(tag)) return true
      return false
    }
    return [...this.entries.entries()].filter(([, entry]) => shows(entry))
  }

  /** The next turn's replacement: what the invalidations until then concern, replaced together. */
  private startReplacing(): NonNullable<FrontCache['replacing']> {
    const batch = { entries: new Map<string, Entry>(), done: Promise.resolve() }
    batch.done = new Promise<void>((resolve) =>
      setImmediate(() => {
        if (this.replacing === batch) this.replacing = null
        this.outsideRequests.runInAsyncScope(() => void this.replaceEntries(batch.entries).finally(resolve))
      }),
    )
    return batch
  }

  private async replaceEntries(concerned: Map<string, Entry>): Promise<void> {
    // Real time, whatever clock the cache dates its answers by: it bounds how long a save waits.
    const deadline = performance.now() + this.replaceWithinMs
    const mostVisited = [...concerned].sort(([, a], [, b]) => b.hits - a.hits)
    const forget = (key: string, entry: Entry) => {
      if (this.entries.peek(key) === entry) this.entries.delete(key)
    }
    for (const [key, entry] of mostVisited.slice(this.maxReplaced)) forget(key, entry)
    const queue = mostVisited.slice(0, this.maxReplaced)
    const replaceNext = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, entry] = next
        // Until a current answer is stored in its place (by this or a later replacement, or a
        // visitor's fill); one that read what a later invalidation changed is fetched again.
        while (this.entries.peek(key) === entry && performance.now() < deadline) {
          const filling = this.inFlight.get(key) ?? this.startFill(key, entry.asked, this.generation)
          const answer = await resultWithin(filling, deadline - performance.now())
          if (!answer || !('variants' in answer)) break // failed, too late, or not to be kept
        }
        // Not replaced in time: the old answer goes; the next visitor fetches the page.
        forget(key, entry)
      }
    }
    await Promise.all(Array.from({ length: this.replaceConcurrency }, replaceNext))
  }

  /** Whether an answer fetched from `generation` on, showing `tags`, is as new as every invalidation heard since. */
  private isCurrent(generation: number, tags: ReadonlySet<string> | null): boolean {
    if (generation < this.clearedAt) return false
    if (tags === null) return generation >= this.lastInvalidationAt
    for (const tag of tags) if ((this.invalidatedAt.get(tag) ?? 0) > generation) return false
    return true
  }

  /**
   * The requests of the most visited answers in memory, as a starting worker can ask them again
   * (./hot-pages.ts): the URL and the headers the answer depends on, nothing of the visitor who
   * asked first (no cookie, no address, no user agent).
   */
  hottest(limit: number, minimumHits = 2): WarmRequest[] {
    return [...this.entries.values()]
      .filter((entry) => entry.status === 200 && entry.hits >= minimumHits && hasOnlyKnownQuery(entry.asked.url))
      .sort((a, b) => b.hits - a.hits)
      .slice(0, limit)
      .map(({ asked }) => ({ url: asked.url, headers: keyHeadersOf(asked.headers) }))
  }

  /**
   * Fills the cache with these requests' answers, two at a time, before a worker takes
   * connections; settles when all are in or after `withinMs`, whichever is first, with how many
   * were stored.
   */
  async warm(requests: WarmRequest[], withinMs: number, concurrency = 2): Promise<number> {
    const deadline = performance.now() + withinMs
    const queue = [...requests]
    let stored = 0
    const fillNext = async () => {
      for (let next = queue.shift(); next && performance.now() < deadline; next = queue.shift()) {
        const asked: OriginRequest = { method: 'GET', url: next.url, headers: { ...next.headers } }
        const key = cacheKeyOf({ url: asked.url, headers: asked.headers } as IncomingMessage)
        if (this.entries.has(key)) continue
        const answer = await resultWithin(
          this.inFlight.get(key) ?? this.startFill(key, asked, this.generation),
          deadline - performance.now(),
        )
        // Out of time (a timer may fire a moment before the deadline): this lane stops. A failed
        // fill (its failure is its owner's to report) leaves the next one to try.
        if (answer === undefined && deadline - performance.now() < 5) return
        if (answer === undefined) continue
        if ('variants' in answer) stored += 1
      }
    }
    await Promise.all(Array.from({ length: concurrency }, fillNext))
    // Next answers a page older than its revalidate time STALE and renders it again behind the
    // answer: in a worker about to take connections, that first render (React's server renderer
    // loaded and run for the first time) would stall the first visitors by about a second. Asked
    // again until fresh, the renders happen now.
    const stale = requests.filter((request) => {
      const entry = this.entries.peek(cacheKeyOf({ url: request.url, headers: request.headers } as IncomingMessage))
      return entry?.originCache === 'STALE'
    })
    // A render that keeps failing (the database away) is not waited for long.
    const renderedBy = Math.min(deadline, performance.now() + 5_000)
    for (const request of stale) {
      const key = cacheKeyOf({ url: request.url, headers: request.headers } as IncomingMessage)
      const asked: OriginRequest = { method: 'GET', url: request.url, headers: { ...request.headers } }
      for (let asks = 0; performance.now() < renderedBy && this.entries.peek(key)?.originCache === 'STALE'; asks++) {
        if (asks > 0) await new Promise((resolve) => setTimeout(resolve, 100)) // Next's render takes a moment
        const filling = this.inFlight.get(key) ?? this.startFill(key, asked, this.generation)
        await resultWithin(filling, renderedBy - performance.now())
      }
    }
    return stored
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize }
  }

  /**
   * Answers the request from memory when it can, synchronously: a hit must not pay for promises
   * (Next's AsyncLocalStorage makes every promise in the process cost a hook). Returns what
   * happened: `served` (HIT or STALE, done), `bypass` (marked BYPASS: hand the request to Next
   * unchanged) or `miss` (call serveMiss).
   */
  serveFromMemory(request: IncomingMessage, response: ServerResponse): 'served' | 'bypass' | 'miss' {
    if (requestBypassReason(request)) {
      response.setHeader(this.statusHeader, 'BYPASS')
      return 'bypass'
    }
    return this.serveStored(request, response, cacheKeyOf(request))
  }

  /**
   * Only the hit of serveFromMemory: true when the answer was sent from memory; otherwise nothing
   * is done to the response. The server asks this first, before it sets anything up for a request.
   */
  serveHit(request: IncomingMessage, response: ServerResponse): boolean {
    return !requestBypassReason(request) && this.serveStored(request, response, cacheKeyOf(request)) === 'served'
  }

  private serveStored(request: IncomingMessage, response: ServerResponse, key: string): 'served' | 'miss' {
    const entry = this.entries.get(key)
    if (!entry) return 'miss'
    const now = this.now()
    entry.hits += 1
    if (now < entry.freshUntil) {
      this.send(request, response, entry, 'HIT')
      return 'served'
    }
    if (now < entry.staleUntil) {
      this.refreshInBackground(key, request)
      this.send(request, response, entry, 'STALE')
      return 'served'
    }
    return 'miss'
  }

  /** Fetches the answer (or waits for the request already fetching it), stores it when it may, sends it. */
  async serveMiss(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { answer, shared } = this.fill(cacheKeyOf(request), request)
    const result = await answer
    if ('variants' in result) this.send(request, response, result, 'MISS')
    // An answer that may not be kept may not be shared either (it can carry a cookie): whoever
    // waited for someone else's asks again, for themselves.
    else this.sendUnstored(request, response, shared ? await this.askOrigin(request) : result)
  }

  /**
   * A request the cache may not answer (an editor's page, say), asked of the origin for this
   * visitor alone and passed on whole: so its HTML too gets the policy the origin gives it.
   */
  async servePassThrough(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.sendUnstored(request, response, await this.askOrigin(request), 'BYPASS')
  }

  /** The origin's answer for this visitor alone, as a render the next invalidation knows of. */
  private askOrigin(request: IncomingMessage): Promise<CapturedResponse> {
    const asked = originRequest(request)
    return this.renders.run(asked.url, () => this.origin(asked))
  }

  /**
   * Any other request for Next (`handle` answers it): a GET or HEAD waits for the renders of its
   * page begun before the last invalidation, and later requests know it is under way.
   */
  passToNext(request: IncomingMessage, handle: () => Promise<void>): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return handle()
    return this.renders.run(request.url ?? '/', handle)
  }

  /** Both steps: true when the cache answered, false when the request must go to Next. */
  async serve(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const outcome = this.serveFromMemory(request, response)
    if (outcome === 'miss') await this.serveMiss(request, response)
    return outcome !== 'bypass'
  }

  /** One origin request per key at a time; everyone else asking meanwhile waits for it. */
  private fill(key: string, request: IncomingMessage): { answer: Promise<Entry | CapturedResponse>; shared: boolean } {
    const running = this.inFlight.get(key)
    if (running) return { answer: running, shared: true }
    return { answer: this.startFill(key, originRequest(request), this.generation), shared: false }
  }

  private startFill(key: string, asked: OriginRequest, generation: number): Promise<Entry | CapturedResponse> {
    const filling = this.renders
      .run(asked.url, () => this.fetchAndStore(key, asked, generation))
      .finally(() => {
        if (this.inFlight.get(key) === filling) this.inFlight.delete(key)
      })
    this.inFlight.set(key, filling)
    return filling
  }

  private refreshInBackground(key: string, request: IncomingMessage): void {
    if (this.refreshing.has(key) || this.inFlight.has(key)) return
    this.refreshing.add(key)
    this.refreshQueue.push({ key, asked: originRequest(request), generation: this.generation })
    this.startQueuedRefreshes()
  }

  private startQueuedRefreshes(): void {
    while (this.refreshesRunning < this.maxRefreshes && this.refreshQueue.length > 0) {
      const { key, asked, generation } = this.refreshQueue.shift()!
      // Asked for meanwhile (a miss after the stale window) or cleared: nothing left to refresh.
      if (generation < this.lastInvalidationAt || this.inFlight.has(key)) {
        this.refreshing.delete(key)
        continue
      }
      this.refreshesRunning += 1
      this.startFill(key, asked, generation)
        .catch((error: Error) =>
          console.warn(`Front cache: refreshing ${pathOf(asked.url)} failed, serving the stale copy: ${error.message}`),
        )
        .finally(() => {
          this.refreshesRunning -= 1
          if (generation >= this.lastInvalidationAt) this.refreshing.delete(key)
          this.startQueuedRefreshes()
        })
    }
  }

  private async fetchAndStore(
    key: string,
    asked: OriginRequest,
    generation: number,
  ): Promise<Entry | CapturedResponse> {
    const captured = await this.origin(asked)
    const entry = await this.toEntry(asked, captured, generation)
    if (!entry) return captured
    // An invalidation while this answer was on its way may have made it old: pass it on, keep it not.
    if (this.isCurrent(generation, entry.tags)) {
      // How often the page is visited carries over: a page replaced at every save is popular, not new.
      entry.hits = this.entries.peek(key)?.hits ?? 0
      this.entries.set(key, entry)
    }
    return entry
  }

  private async toEntry(asked: OriginRequest, captured: CapturedResponse, generation: number): Promise<Entry | null> {
    const { url, headers: requestHeaders } = asked
    if (!STORED_STATUSES.has(captured.status) || captured.headers['set-cookie'] !== undefined) return null
    if (captured.body.length > this.maxEntryBytes) return null
    if (!varyIsKnown(captured.headers.vary)) return null
    const policy = new CachePolicy(
      { url, method: 'GET', headers: requestHeaders },
      { status: captured.status, headers: captured.headers },
      { shared: true },
    )
    const timeToLive = policy.timeToLive()
    if (!policy.storable() || timeToLive <= 0) return null

    const now = this.now()
    // Next answers STALE when it serves an old page while re-rendering it: keep that copy only as
    // stale, so the next request fetches the re-rendered one instead of trusting it for s-maxage.
    const servedStale = captured.headers['x-nextjs-cache'] === 'STALE'
    const freshFor = servedStale ? 0 : policy.maxAge() * 1000
    const immutable = /\bimmutable\b/.test(String(captured.headers['cache-control'] ?? ''))
    const variants = await compressVariants(
      captured.body,
      captured.headers['content-type'],
      captured.headers['cache-control'],
    )
    const headers = storedHeaders(Object.entries(policy.responseHeaders() as Record<string, string | string[]>), {
      compressed: variants.gzip !== undefined || variants.br !== undefined,
    })
    const headerBlocks: Entry['headerBlocks'] = {}
    for (const [encoding, body] of Object.entries(variants) as [Encoding, Buffer][]) {
      // Compressed bytes differ from the plain ones: their validator can only be a weak one.
      const block = headers.flatMap(([name, value]) =>
        Array.isArray(value)
          ? value.flatMap((one) => [name, one])
          : [name, name === 'etag' && encoding !== 'identity' ? weak(value) : value],
      )
      block.push('content-length', String(body.length))
      if (encoding !== 'identity') block.push('content-encoding', encoding)
      headerBlocks[encoding] = block
    }
    const bytes = Object.values(variants).reduce((sum, body) => sum + body.length, 0) + 512
    const etag = immutable ? undefined : captured.headers.etag
    const originCache = captured.headers['x-nextjs-cache']
    return {
      status: captured.status,
      variants,
      headerBlocks,
      etag: typeof etag === 'string' ? etag : undefined,
      originCache: typeof originCache === 'string' ? originCache : undefined,
      tags: captured.tags && captured.tags.length > 0 ? new Set(captured.tags) : null,
      immutable,
      asked,
      fetchedAt: generation,
      hits: 0,
      storedAt: now,
      freshUntil: now + freshFor,
      staleUntil: now + timeToLive,
      bytes,
    }
  }

  private send(request: IncomingMessage, response: ServerResponse, entry: Entry, status: CacheStatus): void {
    const age = String(Math.floor((this.now() - entry.storedAt) / 1000))
    if (entry.etag && matchesEtag(request.headers['if-none-match'], entry.etag)) {
      response.writeHead(
        304,
        notModifiedHeaders(entry.headerBlocks.identity!).concat(this.statusHeader, status, 'age', age),
      )
      response.end()
      return
    }
    const encoding = chooseEncoding(request.headers['accept-encoding'], entry.variants)
    const headers = entry.headerBlocks[encoding]!.concat(this.statusHeader, status, 'age', age)
    if (status === 'MISS' && entry.originCache) headers.push('x-nextjs-cache', entry.originCache)
    response.writeHead(entry.status, headers)
    response.end(request.method === 'HEAD' ? undefined : entry.variants[encoding])
  }

  /** An answer the cache may not keep (a cookie, `private`, a 404…): passed on as it came. */
  private sendUnstored(
    request: IncomingMessage,
    response: ServerResponse,
    answer: CapturedResponse,
    status: CacheStatus = 'MISS',
  ): void {
    for (const [name, value] of Object.entries(answer.headers)) {
      if (name === 'vary') {
        const vary = varyFor(value, String(answer.headers['content-type'] ?? ''))
        if (vary) response.setHeader(name, vary)
      } else if (!NOT_STORED.has(name) || name === 'x-nextjs-cache') response.setHeader(name, value)
    }
    response.setHeader(this.statusHeader, status)
    response.setHeader('content-length', String(answer.body.length))
    response.statusCode = answer.status
    response.end(request.method === 'HEAD' ? undefined : answer.body)
  }
}

/** A request to fill the cache with: a URL and the headers its answer depends on. */
export type WarmRequest = { url: string; headers: Record<string, string> }

/**
 * Query parameters a hot list may carry: Next's router payload marker. Any other (a mail
 * campaign's `?email=`) can name a visitor, and pages do not vary on them.
 */
const KNOWN_QUERY = new Set(['_rsc'])
function hasOnlyKnownQuery(url: string): boolean {
  const at = url.indexOf('?')
  return at === -1 || [...new URLSearchParams(url.slice(at + 1)).keys()].every((name) => KNOWN_QUERY.has(name))
}

/** The headers an answer is keyed by: the router's. */
function keyHeadersOf(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const name of VARY_HEADERS) {
    const value = headers[name]
    if (typeof value === 'string') kept[name] = value
  }
  return kept
}

/** The request as the origin gets it: always GET, and asking for the plain body, which every encoding is made from here, once. */
type OriginRequest = Parameters<Origin>[0]

function originRequest(request: IncomingMessage): OriginRequest {
  const headers = { ...request.headers }
  delete headers['accept-encoding']
  delete headers['if-none-match']
  delete headers['if-modified-since']
  return { method: 'GET', url: request.url ?? '/', headers }
}

// Next varies its pages on the router's headers; those are part of the key (./cacheable-request).
// An answer that varies on anything else is not kept.
const KNOWN_VARY = new Set<string>([...VARY_HEADERS, 'accept-encoding'])
function varyIsKnown(vary: string | string[] | undefined): boolean {
  if (vary === undefined) return true
  const names = (Array.isArray(vary) ? vary.join(',') : vary)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  return names.every((name) => KNOWN_VARY.has(name))
}

/** What `work` gives within `ms`; undefined when it fails or takes longer (its failure is its owner's to report). */
function resultWithin<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms)
    work.then(
      (result) => (clearTimeout(timer), resolve(result)),
      () => (clearTimeout(timer), resolve(undefined)),
    )
  })
}

const weak = (etag: string) => (etag.startsWith('W/') ? etag : `W/${etag}`)
const opaque = (etag: string) => etag.trim().replace(/^W\//, '')

/** If-None-Match compares weakly (RFC 9110): any listed tag, weak or strong, or `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.trim() === '*' || header.split(',').some((candidate) => opaque(candidate) === opaque(etag))
}

/** A 304 carries the answer's headers but no body: no length or encoding of one. */
function notModifiedHeaders(block: string[]): string[] {
  const headers: string[] = []
  for (let i = 0; i < block.length; i += 2) {
    if (block[i] !== 'content-length' && block[i] !== 'content-encoding') headers.push(block[i]!, block[i + 1]!)
  }
  return headers
}
