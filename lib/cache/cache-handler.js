// Next's ISR cache handler: Next's own file cache, with two changes.
//
// 1. Answers that say "not found" are not stored. Every unknown slug (a typo, a scanner trying
//    /outfits/wp-login.php, a bot) would otherwise add a 404 page and a null data entry to the disk
//    and memory cache, without bound. They render afresh instead: one indexed query each.
//
// 2. Several instances (Heroku dynos) sharing one Redis (REDIS_URL) share invalidations.
// Each instance keeps its rendered pages on its own disk, as Next does by default; what must be
// shared is invalidation. When an editor's save calls revalidateTag/revalidatePath on one dyno,
// that dyno records the tags' new timestamps in Next's tags manifest — an in-process map the other
// dynos never see, so they would serve the old page until its revalidate window ran out. This
// handler writes those timestamps to Redis too, and before every cache read brings the local
// manifest up to date (one GET of a version id; the whole hash only when it changed). So the
// next request on any dyno renders afresh. See docs/decisions/008-shared-invalidation.md.
//
// Plain JavaScript, loaded by next.config.js (outside the app's bundle) in every Next process, so
// it shares Next's own module instances (the tags manifest above all).
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { rename, unlink, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as fileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js'
import * as tagsManifestModule from 'next/dist/server/lib/incremental-cache/tags-manifest.external.js'
import { breakerFor, REDIS_BREAKER } from '../kv/circuit-breaker.js'
import { createRedisClient } from '../kv/redis-client.js'

// Both are CommonJS: Node's import() puts module.exports under `default` (the class is then its
// `default`); a loader that interoperates, as the tests' does, gives the class as `default` itself.
const FileSystemCache = fileSystemCache.default.default ?? fileSystemCache.default
const { tagsManifest } = tagsManifestModule.default
/** Invalidations older than this no longer matter: every cached entry has been renewed since. */
const KEEP_SECONDS = 24 * 3600

let connection
let seenVersion = null
const buildIds = {}

function redis() {
  connection ??= (async () => {
    // REDIS_TLS as lib/env.ts validated it at the server's start (this file cannot import it).
    const client = createRedisClient(process.env.REDIS_URL, {
      tls: process.env.REDIS_TLS,
      reconnectStrategy: (retries) => Math.min(250 * (retries + 1), 2_000),
      commandTimeoutMs: 2_000,
      // While Redis is away a command fails at once instead of waiting in a queue for its return.
      disableOfflineQueue: true,
    })
    client.on('error', () => {}) // failures reach the callers as rejections
    await client.connect()
    return client
  })().catch((error) => {
    connection = undefined
    throw error
  })
  return connection
}

// Every use of Redis here goes through the breaker the KV uses too (lib/kv/circuit-breaker.js):
// a page render never waits more than a moment on a Redis that is down, and the outage is reported
// once. Meanwhile this instance serves its own cache.
const breaker = breakerFor(REDIS_BREAKER)

/** A rendered 404 (page or route), or a cached read that found nothing. */
function isNotFound(data) {
  if (!data) return false
  if (data.kind === 'APP_PAGE' || data.kind === 'APP_ROUTE' || data.kind === 'PAGES') return data.status === 404
  if (data.kind === 'FETCH') return data.data?.body === 'null'
  return false
}

/**
 * Writes a cache file whole or not at all: into a temporary file, then renamed over the old one.
 * Next's own writeFile truncates the file and then writes it, and the worker processes of one
 * instance share the disk cache: a sibling (or this process, for another request) reading the page
 * in between got an empty body, answered 200 and kept by the front cache as the page.
 *
 * The file is also dated from when the request that made it began (see runAsRender), not from
 * when it was written: Next takes an entry's age from its file's mtime and compares it with the
 * times tags were invalidated. A render that read an outfit, then saw an editor's save invalidate
 * it, and only then stored its page, would otherwise be newer than the invalidation: the old title
 * kept for the whole revalidation time (300 s), on every worker.
 */
async function replaceFile(file, data) {
  const temporary = `${file}.${randomUUID()}.tmp`
  try {
    await writeFile(temporary, data)
    const startedAt = currentRender.getStore()?.startedAt
    if (startedAt !== undefined) await utimes(temporary, new Date(startedAt), new Date(startedAt))
    await rename(temporary, file)
  } catch (error) {
    await unlink(temporary).catch(() => {})
    throw error
  }
}

/**
 * Next reads a cache file, then stats its path for the entry's date (file-system-cache.js, for
 * pages, data entries and routes alike). A sibling worker's replaceFile may rename its new file in
 * between: the old content then got the new file's date, later than the save, and was kept as
 * current for the whole revalidate time. Here the date of a file read during a get() is that of
 * the very file read: stat, read, stat again, and read again if the file was replaced meanwhile.
 */
const readsOfThisGet = new AsyncLocalStorage()
const REPLACED_READ_TRIES = 3
const DATELESS_FILE = /\.(meta|rsc)$/

function datedAsRead(fs) {
  return {
    async readFile(file, encoding) {
      // Next asks the date of the entry's main file only (.html, .body, a data entry), never of
      // its .meta or .rsc files beside it: those are read as they are, without the extra stats.
      if (DATELESS_FILE.test(file)) return fs.readFile(file, encoding)
      for (let tries = 1; ; tries++) {
        const before = await fs.stat(file)
        const data = await fs.readFile(file, encoding)
        const after = await fs.stat(file)
        const same = before.ino === after.ino && before.mtimeMs === after.mtimeMs
        if (same || tries === REPLACED_READ_TRIES) {
          // Replaced again and again: the older date, so that if in doubt it renders once more.
          readsOfThisGet.getStore()?.set(file, before.mtimeMs <= after.mtimeMs ? before : after)
          return data
        }
      }
    },
    stat: (file) => readsOfThisGet.getStore()?.get(file) ?? fs.stat(file),
  }
}

export default class LookbookCache extends FileSystemCache {
  constructor(context) {
    super(context)
    // Next also constructs the handler where there is no disk cache (for the proxy): there it keeps
    // nothing, as Next does without a handler of ours.
    this.noDisk = !context.fs || !context.serverDistDir
    if (!this.noDisk) this.fs = { ...context.fs, ...datedAsRead(context.fs), writeFile: replaceFile }
    // `next build` renders static pages through this handler too, with nothing to share (and no
    // BUILD_ID written yet).
    this.shared = !this.noDisk && Boolean(process.env.REDIS_URL) && process.env.NEXT_PHASE !== 'phase-production-build'
    if (!this.shared) return
    this.namespace = sharedNamespace(context.serverDistDir)
  }

  async set(key, data, context) {
    noteCacheTags(data, context)
    if (this.noDisk || isNotFound(data)) return
    return super.set(key, data, context)
  }

  async get(...args) {
    if (this.noDisk) return null
    if (this.shared)
      await breaker.run(
        () => syncSharedTags(this.namespace),
        () => undefined,
      )
    const entry = await readsOfThisGet.run(new Map(), () => super.get(...args))
    noteCacheTags(entry?.value, args[1])
    return entry
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations)
    const list = typeof tags === 'string' ? [tags] : tags
    const entries = Object.fromEntries(list.map((tag) => [tag, tagsManifest.get(tag) ?? {}]))
    // Every other instance hears it through Redis at once; this process's front cache and its
    // sibling worker processes (lib/server) replace the pages it concerns before the save is
    // answered, which takes renders: other instances must not wait for those.
    const sharing = this.shared ? this.share(entries) : undefined
    try {
      await announceInvalidation(entries)
    } finally {
      await sharing
    }
  }

  async share(entries) {
    holdUnshared(entries)
    await shareHeldInvalidations(this.namespace)
  }
}

// Invalidations not written to Redis yet: while the circuit is open (Redis down, or slow for a
// moment on a busy worker) a save's tags wait here, and go out with the next write that gets
// through, or with the watcher's next look (every 100 ms), instead of being lost: another instance
// shows the save once Redis answers again, not only after the page's revalidate window. On
// globalThis: Next's copy of this module holds them, the server entry's copy sends them.
const UNSHARED = Symbol.for('lookbook.unshared-invalidations')
/** @type {Map<string, { stale?: number, expired?: number }>} */
const unshared = (globalThis[UNSHARED] ??= new Map())

function holdUnshared(entries) {
  for (const [tag, entry] of Object.entries(entries)) unshared.set(tag, laterOf(unshared.get(tag) ?? {}, entry))
}

/** The later of two invalidations of one tag, time by time (as the Lua script below keeps them in Redis). */
function laterOf(a, b) {
  return {
    stale: Math.max(a.stale ?? 0, b.stale ?? 0) || undefined,
    expired: Math.max(a.expired ?? 0, b.expired ?? 0) || undefined,
  }
}

let warnedUnshared = false

/** Writes the held invalidations; those still held when it fails wait for the next try. */
async function shareHeldInvalidations(namespace) {
  if (unshared.size === 0) return
  const sending = new Map(unshared)
  const sent = await breaker.run(
    async () => {
      await writeSharedInvalidations(namespace, datedForLateArrival(sending))
      return true
    },
    () => false,
  )
  if (!sent) {
    if (!warnedUnshared)
      console.warn(
        `Shared cache invalidation (REDIS_URL): Redis is not answering, so other instances keep serving the old pages for ${[...sending.keys()].join(', ')} until it answers again (then they are told).`,
      )
    warnedUnshared = true
    return
  }
  warnedUnshared = false
  // A tag invalidated again while the write was under way stays held for the next write.
  for (const [tag, entry] of sending) if (unshared.get(tag) === entry) unshared.delete(tag)
}

/** Held longer than this, an invalidation is written as made now (see datedForLateArrival). */
const LATE_MS = 1_000

/**
 * An invalidation written long after it was made is dated from the write: another instance that
 * rendered the page meanwhile from data it cached before the save (Next's data cache, up to the
 * revalidate window) would otherwise count that page as newer than the save, and applyInvalidations
 * there redates only what arrives within its few seconds of recent renders. Renders dated after a
 * save but before the write are rendered again: a few more renders, never an old page kept.
 */
function datedForLateArrival(entries) {
  const now = Date.now()
  const dated = {}
  for (const [tag, entry] of entries) {
    const late = entry.expired !== undefined && now - entry.expired > LATE_MS
    dated[tag] = late ? { stale: Math.max(entry.stale ?? 0, now), expired: now } : entry
  }
  return dated
}

// Keeps the later of each time already in Redis: a write held back must never replace a newer
// invalidation another instance (or this one's other module copy) wrote meanwhile.
const MERGE_LATER = `
for i = 1, #ARGV, 2 do
  local entry = cjson.decode(ARGV[i + 1])
  local stored = redis.call('HGET', KEYS[1], ARGV[i])
  if stored then
    local old = cjson.decode(stored)
    entry.stale = math.max(entry.stale or 0, old.stale or 0)
    entry.expired = math.max(entry.expired or 0, old.expired or 0)
  end
  redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(entry))
end`

async function writeSharedInvalidations(namespace, entries) {
  const client = await redis()
  const write = client.multi()
  write.eval(MERGE_LATER, {
    keys: [namespace.hashKey],
    arguments: Object.entries(entries).flatMap(([tag, entry]) => [tag, JSON.stringify(entry)]),
  })
  // A fresh random version, not a counter: a counter that expired and started again at 1
  // could equal the last version a reader saw, and the reader would miss the change.
  write.set(namespace.versionKey, randomUUID())
  write.expire(namespace.hashKey, KEEP_SECONDS)
  write.expire(namespace.versionKey, KEEP_SECONDS)
  await write.exec()
}

/** One build's tags are one namespace: dynos of the same release share it, deploys do not mix. */
function sharedNamespace(serverDistDir) {
  // Next makes a handler per request: the build id is read once.
  buildIds[serverDistDir] ??= readFileSync(path.join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim()
  const hashKey = `lookbook:next-tags:${buildIds[serverDistDir]}`
  return { hashKey, versionKey: `${hashKey}:version` }
}

/**
 * Brings this process's tags manifest up to date with Redis: one GET of a version, the whole hash
 * only when it changed. Whoever notices a change first (Next's cache read or the watcher below),
 * the change listeners (the front cache) hear of it.
 */
async function syncSharedTags(namespace) {
  const client = await redis()
  const version = await client.get(namespace.versionKey)
  if (version === seenVersion) return
  const { changed, redated } = applyInvalidations(
    Object.fromEntries(
      Object.entries(await client.hGetAll(namespace.hashKey)).map(([tag, json]) => [tag, JSON.parse(json)]),
    ),
  )
  seenVersion = version
  // Tags a sibling worker already relayed here have not changed: nothing to tell.
  if (changed.length > 0) for (const listener of sharedChangeListeners) listener(changed, redated)
}

// On globalThis for the same reason as the listeners below: Next's copy of this module reads
// Redis before each cache read, the server entry's copy every 100 ms, and either may be first.
const SHARED_CHANGE_LISTENERS = Symbol.for('lookbook.shared-change-listeners')
const sharedChangeListeners = (globalThis[SHARED_CHANGE_LISTENERS] ??= new Set())

/** Renders and invalidations are dated by one clock (Date.now) in whole milliseconds. */
const CLOCK_SLACK_MS = 1

/**
 * Records invalidations made elsewhere (another worker process, another instance) in this
 * process's tags manifest, keeping the later of each timestamp: this process may have newer
 * invalidations of its own. Returns the tags invalidated anew, and those it dated from now.
 *
 * An invalidation made at t that reaches this process at t' (a busy worker, Redis) leaves a gap:
 * a render begun here between t and t' that read the tagged data read it as it was before, yet
 * dates its entries after t, so they would count as newer than the invalidation — here, and on
 * every sibling that reads the same disk cache. So when such a render exists, the invalidation is
 * recorded as made now, and `redated` lists it for the siblings to record the same (pass
 * `redate: false` for what a sibling redated, so that it stops there).
 */
export function applyInvalidations(entries, { redate = true } = {}) {
  const now = Date.now()
  const changed = []
  /** @type {Record<string, { stale?: number, expired?: number }>} */
  const redated = {}
  for (const [tag, remote] of Object.entries(entries)) {
    const local = tagsManifest.get(tag) ?? {}
    let { stale, expired } = laterOf(local, remote)
    if (stale === local.stale && expired === local.expired) continue
    if (redate && expired !== undefined && expired !== local.expired && now > expired && readSince(tag, expired)) {
      expired = now
      if (stale !== undefined) stale = Math.max(stale, now)
      redated[tag] = { stale, expired }
    }
    tagsManifest.set(tag, { stale, expired })
    changed.push(tag)
  }
  return { changed, redated }
}

// Each request handed to Next is a render: when it began, on the clock Next dates invalidations
// with (see replaceFile), and the cache tags of what it rendered or read. The front cache forgets
// an answer when one of its tags is invalidated, a CDN purges by them (the Cache-Tag header), and
// a late invalidation asks which renders read its tags (applyInvalidations). Next keeps the tags
// inside its cache entries only (it sends them on Vercel alone): reads and writes of those entries
// note them. On globalThis for the same reason as the listeners below.
const CURRENT_RENDER = Symbol.for('lookbook.current-render')
const currentRender = (globalThis[CURRENT_RENDER] ??= new AsyncLocalStorage())
const RECENT_RENDERS = Symbol.for('lookbook.recent-renders')
/** The renders begun in the last RECENT_MS, oldest first. */
const recentRenders = (globalThis[RECENT_RENDERS] ??= [])
/** Longer than any invalidation takes to arrive (a relay waits 1 s at most; Redis is read every 100 ms). */
const RECENT_MS = 10_000

/** Whether a render begun here at or after `since` read or wrote data tagged `tag`. */
function readSince(tag, since) {
  return recentRenders.some((render) => render.startedAt >= since - CLOCK_SLACK_MS && render.tags.has(tag))
}

/**
 * Runs `work` (a request handed to Next) as a render: the cache entries it writes are dated from
 * now, when it began, not from when they are written (see replaceFile), and the cache tags of what
 * it renders or reads are noted; they come back with its result. Every request that may render a
 * cached page runs so: one the front cache does not answer (an editor browsing the public site)
 * renders and stores shared pages too.
 */
export async function runAsRender(work) {
  // Date.now, the clock Next dates invalidations with (FileSystemCache.revalidateTag).
  const render = { startedAt: Date.now(), tags: new Set() }
  while (recentRenders.length > 0 && recentRenders[0].startedAt < render.startedAt - RECENT_MS) recentRenders.shift()
  recentRenders.push(render)
  const result = await currentRender.run(render, work)
  return { result, tags: [...render.tags] }
}

/**
 * Pages and routes carry their tags in a header of the entry (Next's implicit `_N_T_/path` tags,
 * which revalidatePath expires, among them); data reads name theirs when asked.
 */
function noteCacheTags(value, context) {
  const tags = currentRender.getStore()?.tags
  if (!tags) return
  const header = value?.headers?.['x-next-cache-tags']
  const named = [
    ...(typeof header === 'string' ? header.split(',') : []),
    ...(Array.isArray(context?.tags) ? context.tags : []),
  ]
  for (const tag of named) if (tag) tags.add(tag)
}

// Listeners on this process's invalidations (the front cache, the worker relay), kept on
// globalThis: Next loads this module through next.config.js, the server entry imports it too.
const LISTENERS = Symbol.for('lookbook.invalidation-listeners')

/** Calls `listener(entries)` after every invalidation made in this process; returns the unsubscribe. */
export function onInvalidation(listener) {
  const listeners = (globalThis[LISTENERS] ??= new Set())
  listeners.add(listener)
  return () => listeners.delete(listener)
}

async function announceInvalidation(entries) {
  const listeners = globalThis[LISTENERS]
  if (listeners) await Promise.all([...listeners].map((listener) => listener(entries)))
}

/**
 * Several instances: checks Redis for other instances' invalidations every `intervalMs`, and calls
 * `onChange(tags, redated)` with the tags invalidated anew after bringing the tags manifest up to
 * date (and those it dated from now, for the sibling workers: see applyInvalidations). The front cache answers without asking
 * Next, so it cannot wait for Next's next cache read to notice. Returns the stop function.
 */
export function watchSharedInvalidations(serverDistDir, onChange, intervalMs = 100) {
  if (!process.env.REDIS_URL) return () => {}
  const namespace = sharedNamespace(serverDistDir)
  sharedChangeListeners.add(onChange)
  let polling = false
  const timer = setInterval(() => {
    if (polling) return // a slow Redis: one look at a time
    polling = true
    void shareHeldInvalidations(namespace)
      .then(() =>
        breaker.run(
          () => syncSharedTags(namespace),
          () => undefined,
        ),
      )
      .finally(() => (polling = false))
  }, intervalMs)
  timer.unref()
  return () => {
    clearInterval(timer)
    sharedChangeListeners.delete(onChange)
  }
}

/**
 * Makes Next use this handler for its ISR and data cache in this process. Next reads the handler
 * class from this global slot (the one hosting platforms use) when it builds each request's cache.
 */
export function installCacheHandler() {
  const slot = Symbol.for('@next/cache-handlers')
  globalThis[slot] = { ...globalThis[slot], FetchCache: LookbookCache }
}
