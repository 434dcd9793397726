// One serving process: Next's request handler behind the front response cache, on one port.
// Several of these run under ./cluster-primary.ts, sharing the port as gunicorn's workers did.
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import path from 'node:path'
import next from 'next'
import {
  applyInvalidations,
  installCacheHandler,
  onInvalidation,
  runAsRender,
  watchSharedInvalidations,
} from '@/lib/cache/cache-handler.js'
import { applyServerActionsKey } from '@/lib/crypto/deploy-identity.js'
import type { Settings } from '@/lib/env'
import { FrontCache, type WarmRequest } from './front-cache'
import type { StartMessage, TagEntries } from './relay-messages'
import { askNext, nextOrigin } from './next-origin'
import { isPlainTextActionCall, serveCheckedActionCall } from './action-arguments'
import { relayInvalidationsToSiblings } from './invalidation-relay'
import { isLiveRoute, serveLiveRoute } from './live-routes'
import { pinForwardedFor } from './forwarded-for'
import { refuseForeignAction, refuseImpossiblePath } from './request-guard'
import { keyValueStore } from '@/lib/kv'
import { forgetOffers } from '@/lib/cache/offer-cache'
import { watchFeedRuns } from './feed-watcher'
import { markCache, requestLogging } from './request-log'
import { nextHostname } from './next-hostname'
import { hotPagesFromSiblings, mergeHotPages, readSharedHotPages, shareHotPages } from './hot-pages'
import { requestLog } from '@/lib/log'
import { warmRenders } from './warm-renders'
import { warmHitPath } from './warm-hit-path'
import { defaultDistDir } from './bundle-path.mjs'

/** A running worker: close() lets the requests under way finish, then stops Next. */
export type Worker = { close: () => Promise<void> }

export async function startWorker(config: Settings, root: string): Promise<Worker> {
  // What next.config.js does when Next loads it; a standalone build has no next.config.js to load.
  if (!process.env.VERCEL) installCacheHandler()
  applyServerActionsKey()
  // Next needs to know where it is served: it fetches its own redirects and rewrites from there
  // (a loopback address as `localhost`, see ./next-hostname.ts).
  const app = next({ dev: false, dir: root, quiet: true, hostname: nextHostname(config.HOST), port: config.PORT })
  // Every invalidation Next's cache hears reaches the front cache too: the saving process's at
  // once, sibling workers' through the primary, other instances' through Redis within 100 ms.
  // The relay listens before Next is ready: the primary replays earlier invalidations to a worker
  // as soon as it is online, and a message nobody listens for is lost.
  let frontCache: FrontCache | null = null
  // The pages an invalidation concerns are replaced, not forgotten, so visitors never wait for the
  // renders an editor's save causes, and the save is answered once every worker here has replaced
  // them (lib/server/front-cache.ts, decision 020).
  const siblings = relayInvalidationsToSiblings({
    forget: (tags) => frontCache?.invalidate(tags),
    markInvalidated: (tags) => frontCache?.markInvalidated(tags),
    replaceOutdated: async (tags) => frontCache?.replaceOutdated(tags),
  })
  // Its siblings' most visited pages, which the primary sends as soon as this process is online.
  const siblingsHotPages = hotPagesFromSiblings()
  await app.prepare()
  const handle = app.getRequestHandler()
  const ask = askNext(handle)
  if (config.FRONT_CACHE_MB > 0)
    frontCache = new FrontCache(nextOrigin(handle), { maxBytes: config.FRONT_CACHE_MB * 1024 * 1024 })
  // This worker's own save: the siblings learn of it first, so that none renders from what it
  // changed meanwhile; this worker renders the new pages; then the siblings replace theirs, most
  // from the disk cache this one just wrote, instead of rendering each page a second time.
  onInvalidation(async (entries: TagEntries) => {
    const tags = Object.keys(entries)
    await siblings.invalidate(entries)
    await frontCache?.replace(tags)
    await siblings.replace(tags)
  })
  const serverDir = path.join(root, defaultDistDir(), 'server')
  // Another instance's save (or this one's, when Redis tells a worker before the relay does).
  watchSharedInvalidations(serverDir, (tags: string[], redated: TagEntries) => {
    void frontCache?.replace(tags)
    siblings.tellSiblings(redated)
  })
  // A feed sync in another process (the command line, the worker): its pages are expired here as a
  // save's would be, and replaced the same way. Each worker looks for itself.
  watchFeedRuns({
    expire(tags) {
      const now = Date.now()
      const entries = Object.fromEntries(tags.map((tag) => [tag, { stale: now, expired: now }]))
      const { changed } = applyInvalidations(entries)
      if (changed.length > 0) void frontCache?.replace(changed)
    },
    forget: forgetOffers,
  })
  // Open the shared KV's connection now, before traffic: a first connection made under load could
  // outlast the circuit breaker's deadline and count as an outage. Down is fine: the breaker says so.
  void keyValueStore()
    .get('startup')
    .catch(() => undefined)

  // Warm before serving: the pages visitors ask most are answered from memory from the first
  // connection on (./hot-pages.ts). At most 20 s: Heroku gives a dyno 60 s to bind its port.
  let shareFinalHotPages = async () => undefined as void
  let hot: WarmRequest[] = []
  if (frontCache) {
    const started = performance.now()
    const kv = keyValueStore()
    hot = mergeHotPages(siblingsHotPages(), await readSharedHotPages(kv, config.SITE_URL))
    if (hot.length > 0) {
      const warmed = await frontCache.warm(hot, 20_000)
      const filled = Math.round(performance.now() - started)
      // The time left of the 20 s, for the first renders that would otherwise happen under load.
      const rendered = await warmRenders(ask, path.join(root, defaultDistDir()), hot, Math.max(0, 20_000 - filled))
      console.log(
        `Warmed ${warmed} of ${hot.length} most visited answers in ${filled} ms, before taking connections; rendered ${rendered} kinds of page in ${Math.round(performance.now() - started) - filled} ms.`,
      )
    }
    shareFinalHotPages = shareHotPages(kv, config.SITE_URL, frontCache)
  }

  const requests = requestLogging(serverDir, requestLog())
  // Synchronous up to the first thing that must wait: a front-cache hit creates no promise.
  // The worker's own requests before it listens (./warm-hit-path.ts) are not visitors' to count.
  let countHits = false
  const handleRequest: http.RequestListener = (request, response) => {
    pinForwardedFor(request, config.TRUSTED_PROXY_HOPS)
    // Most requests at a spike: answered from memory before anything is set up for them, and
    // counted in the log's per-second summary (decision 035). Safe before the guards below: a
    // stored answer's address passed them when it was stored, and only GET and HEAD are kept.
    if (frontCache?.serveHit(request, response)) return countHits ? requests?.hit(request, response) : undefined
    requests?.log(request, response)
    const failed = (error: Error) => fail(response, error)
    if (refuseImpossiblePath(request, response) || refuseForeignAction(request, response))
      return markCache(response, 'refused')
    if (isLiveRoute(request)) {
      markCache(response, 'live')
      return void serveLiveRoute(request, response, (tags) => frontCache?.forget(tags)).catch(failed)
    }
    if (isPlainTextActionCall(request)) {
      markCache(response, 'action')
      return void serveCheckedActionCall(request, response, ask).catch(failed)
    }
    const outcome = frontCache?.serveFromMemory(request, response) ?? 'bypass'
    if (outcome === 'served') return markCache(response, 'hit')
    if (outcome === 'miss') {
      markCache(response, 'miss')
      return void frontCache!.serveMiss(request, response).catch(failed)
    }
    // A page for one visitor (the admin, an editor's preview) takes the front cache's path through
    // Next too, unstored: so it also carries a policy naming its inline scripts (./script-hashes.ts).
    if (frontCache && isPageNavigation(request)) {
      markCache(response, 'pass')
      return void frontCache.servePassThrough(request, response).catch(failed)
    }
    const render = async () => void (await runAsRender(() => handle(request, response)))
    const handled = frontCache ? frontCache.passToNext(request, render) : render()
    handled.catch(failed)
  }
  if (hot.length > 0) {
    const { requests: asked, ms } = await warmHitPath(handleRequest, hot)
    console.log(`Served the hot list ${asked} times over loopback in ${ms} ms, before taking connections.`)
  }
  countHits = true
  const server = http.createServer(handleRequest)
  // Longer than the idle timeouts of the load balancers in front (Heroku's router: 55 s; AWS: 60 s),
  // so they never send a request on a connection this end is closing.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  await whenSiblingsHaveWarmed()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.PORT, config.HOST, () => resolve())
  })
  return {
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      requests?.flush()
      await shareFinalHotPages()
      await app.close()
    },
  }
}

/**
 * Under the primary (./cluster-primary.ts): says this worker has warmed and waits until its
 * siblings starting with it have too (the primary waits 30 s at most). Alone (no primary), at once.
 */
function whenSiblingsHaveWarmed(): Promise<void> {
  if (!process.send || !process.connected) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(done, 30_000)
    function done() {
      clearTimeout(timer)
      process.off('message', onMessage)
      resolve()
    }
    const onMessage = (message: StartMessage) => {
      if (message?.type === 'lookbook:listen') done()
    }
    process.on('message', onMessage)
    process.send!({ type: 'lookbook:warmed' } satisfies StartMessage)
  })
}

/** A browser asking for a page (HTML), not for data, a file, or a router payload. */
function isPageNavigation(request: IncomingMessage): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    request.headers.rsc === undefined &&
    (request.headers.accept ?? '').includes('text/html')
  )
}

function fail(response: ServerResponse, error: Error): void {
  console.error(`Request failed: ${error.stack ?? error.message}`)
  if (response.headersSent) {
    response.destroy(error)
    return
  }
  response.statusCode = 500
  response.setHeader('content-type', 'text/plain; charset=utf-8')
  response.end('Internal server error')
}
