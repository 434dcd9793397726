// Warm before serving (decision 036): a worker takes connections only once the answers visitors
// ask most are in its front cache, so a deploy, a restart or a worker added under load meets no
// stall (the first renders, module loads and compressions happen before, not under, the load).
// Which answers: those the running workers' front caches served most, shared two ways:
// - through the KV (Redis when set), under the site's address: every instance, and the next deploy
//   or daily restart, know the site's hot pages;
// - through the primary: a worker that replaces a crashed one learns its siblings' list, with or
//   without Redis.
// A worker that finds neither list (the site's first start) starts cold, as before.
import type { KeyValueStore } from '@/lib/kv/types'
import { withTimeout } from '@/lib/timeout'
import type { HotPagesMessage } from './relay-messages'
import type { FrontCache, WarmRequest } from './front-cache'
import { VARY_HEADERS } from './cacheable-request'

/**
 * How many answers a worker warms: the landing, listings, outfits and products a campaign pushes,
 * with what their views ask besides the HTML. A phone's view of one page is 25–50 answers (scripts,
 * images, router prefetches, the reactions); the four pages of the bench's mix are about 130
 * distinct ones, which 80 left partly cold (issue #23's restart under load).
 */
export const HOT_PAGES_LIMIT = 200
const SHARE_EVERY_MS = 10_000
const KEPT_SECONDS = 7 * 24 * 3600

const keyOf = (site: string) => `hot-pages:${site}`
/** The only headers a warm request may carry (FrontCache.hottest keeps no others). */
const WARM_HEADERS = new Set<string>(VARY_HEADERS)

/** Only well-formed requests for this site's own paths are warmed, whatever the store holds. */
function validRequests(value: unknown): WarmRequest[] {
  if (!Array.isArray(value)) return []
  return value
    .filter(
      (item): item is WarmRequest =>
        typeof item?.url === 'string' &&
        item.url.startsWith('/') &&
        !item.url.startsWith('//') &&
        item.url.length <= 2_000 &&
        typeof item.headers === 'object' &&
        item.headers !== null &&
        Object.entries(item.headers).every(
          ([name, value]) => WARM_HEADERS.has(name) && typeof value === 'string' && value.length <= 2_000,
        ),
    )
    .slice(0, HOT_PAGES_LIMIT)
}

/** The site's hot list from the KV; none when it is empty, away or slow (a start never waits on it long). */
export async function readSharedHotPages(kv: KeyValueStore, site: string, withinMs = 1_500): Promise<WarmRequest[]> {
  try {
    return validRequests(await withTimeout(kv.get(keyOf(site)), withinMs, 'no answer'))
  } catch {
    return []
  }
}

/** Listens for the list the primary hands a new worker (from its siblings); call before Next prepares. */
export function hotPagesFromSiblings(): () => WarmRequest[] {
  let requests: WarmRequest[] = []
  const listener = (message: HotPagesMessage) => {
    if (message?.type === 'lookbook:hot-pages') requests = validRequests(message.requests)
  }
  process.on('message', listener)
  return () => {
    process.off('message', listener)
    return requests
  }
}

/** Built files, stored media and the icon: kept for a year (or a day), and slow to compress. */
const isLongLived = (url: string) => /^\/(_next\/static|media)\/|^\/icon\.svg/.test(url)

/**
 * Both lists in one, each request once, the siblings' first (they are the most recent); then the
 * long-lived answers before the pages and APIs. Warming takes seconds (the best brotli of each
 * script), and a page warmed first would be seconds old when the worker listens: many would then
 * go stale and be rendered again together, in the first seconds under load.
 */
export function mergeHotPages(...lists: WarmRequest[][]): WarmRequest[] {
  const seen = new Set<string>()
  const merged: WarmRequest[] = []
  for (const request of lists.flat()) {
    const key = `${request.url}\n${JSON.stringify(request.headers)}`
    if (seen.has(key)) continue
    seen.add(key)
    merged.push(request)
  }
  const kept = merged.slice(0, HOT_PAGES_LIMIT)
  return [...kept.filter((request) => isLongLived(request.url)), ...kept.filter((request) => !isLongLived(request.url))]
}

/**
 * Tells the primary and the KV what this worker serves most, every few seconds and once more when
 * it stops (a restart's successor then finds the freshest list). Returns the final share.
 */
export function shareHotPages(kv: KeyValueStore, site: string, cache: FrontCache): () => Promise<void> {
  const share = async () => {
    const requests = cache.hottest(HOT_PAGES_LIMIT)
    if (requests.length === 0) return
    if (process.send && process.connected)
      process.send({ type: 'lookbook:hot-pages', requests } satisfies HotPagesMessage)
    await kv.set(keyOf(site), requests, KEPT_SECONDS).catch(() => undefined) // the KV's breaker says it
  }
  const timer = setInterval(() => void share(), SHARE_EVERY_MS)
  timer.unref()
  return async () => {
    clearInterval(timer)
    // Heroku allows 30 s from SIGTERM: a loaded Redis gets a few of them.
    await withTimeout(share(), 3_000, 'no answer').catch(() => undefined)
  }
}
