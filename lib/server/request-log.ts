// The production server's request log. One line per request that did work: a render or a miss,
// a live answer (offers, likes, comments, shop clicks), an action, an error, a refusal, or anything
// slow. Answers the front cache gave from memory are counted instead, in one line a second per
// worker (`front cache hits`: how many, by route and status): at a spike they are nearly every
// request, and a line each cost about 40 % of the throughput on a pipe or a file (decision 035).
// A line says: request id (Heroku's router sends X-Request-ID; otherwise one is made), method,
// route (Next's page pattern, not the address, so lines group by page), path without its query,
// status, duration and what the front cache did.
// Nothing that names a visitor: no IP address, no query string, no cookie, no user agent.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { LISTINGS } from '@/lib/proxy/listing-rewrite'

/** What answered: the front cache from memory, after a render (miss), or Next past it. */
export type CacheOutcome = 'hit' | 'miss' | 'next' | 'pass' | 'live' | 'action' | 'refused'

type Route = { name: string; pattern: RegExp }
type RoutesManifest = {
  staticRoutes: { page: string; regex: string }[]
  dynamicRoutes: { page: string; regex: string }[]
  rewrites: { afterFiles?: { source: string; regex: string }[]; beforeFiles?: { source: string; regex: string }[] }
}

/** Route names in the order Next matches them: rewrites' sources, static pages, dynamic pages. */
export function routesOf(manifest: RoutesManifest): Route[] {
  const rewrites = [...(manifest.rewrites.beforeFiles ?? []), ...(manifest.rewrites.afterFiles ?? [])]
  return [
    ...rewrites.map((rewrite) => ({ name: rewrite.source, pattern: new RegExp(rewrite.regex) })),
    ...manifest.staticRoutes.map((route) => ({ name: route.page, pattern: new RegExp(route.regex) })),
    ...manifest.dynamicRoutes.map((route) => ({ name: route.page, pattern: new RegExp(route.regex) })),
  ]
}

export function routeNamer(routes: Route[]): (pathname: string) => string {
  const known = new Map<string, string>()
  return (pathname) => {
    const cached = known.get(pathname)
    if (cached) return cached
    let name = routes.find((route) => route.pattern.test(pathname))?.name
    // The listings' addresses are rewritten by proxy.ts to their cacheable routes.
    const listing = LISTINGS.find((kind) => pathname === `/${kind}`)
    if (!name && listing) name = `/lists/${listing}/[query]`
    name ??= pathname.startsWith('/_next/static/')
      ? '/_next/static'
      : pathname.startsWith('/media/')
        ? '/media'
        : '(none)'
    // Product slugs are many: a bound, not an LRU, is enough. Only real pages are remembered, so
    // made-up addresses cannot fill it.
    if (name !== '(none)') {
      if (known.size > 5_000) known.clear()
      known.set(pathname, name)
    }
    return name
  }
}

const REQUEST_ID = /^[\w.:-]{1,200}$/

/** An address as the log may show it: the path, without the query string (it can name a visitor). */
export function pathOf(url: string | undefined): string {
  const whole = url ?? '/'
  const queryAt = whole.indexOf('?')
  const pathname = queryAt === -1 ? whole : whole.slice(0, queryAt)
  return pathname.length > 200 ? `${pathname.slice(0, 200)}…` : pathname
}

const outcomes = new WeakMap<ServerResponse, CacheOutcome>()

/** Records what answered this response, for its log line. */
export function markCache(response: ServerResponse, outcome: CacheOutcome): void {
  outcomes.set(response, outcome)
}

/** How often the counted hits are written. */
const HIT_SUMMARY_MS = 1_000

/**
 * Counts the front cache's hits and writes them as one line per interval, only when there were
 * any; `stop` writes what is counted (at shutdown) and ends the timer.
 */
export function hitSummary(logger: Logger, intervalMs = HIT_SUMMARY_MS) {
  let hits = 0
  let byRoute: Record<string, number> = {}
  let byStatus: Record<string, number> = {}
  const write = () => {
    if (hits === 0) return
    logger.info({ hits, seconds: intervalMs / 1000, routes: byRoute, statuses: byStatus }, 'front cache hits')
    hits = 0
    byRoute = {}
    byStatus = {}
  }
  const timer = setInterval(write, intervalMs)
  timer.unref()
  return {
    count(route: string, status: number) {
      hits += 1
      byRoute[route] = (byRoute[route] ?? 0) + 1
      byStatus[status] = (byStatus[status] ?? 0) + 1
    },
    stop() {
      clearInterval(timer)
      write()
    },
  }
}

/** What the server calls first for every request (`log`), and once at its close (`flush`). */
export type RequestLog = {
  log: (request: IncomingMessage, response: ServerResponse) => void
  /** Counts an answer the front cache has just sent from memory, instead of a line (no listener, no id). */
  hit: (request: IncomingMessage, response: ServerResponse) => void
  /** Writes the hits counted since the last summary line. */
  flush: () => void
}

/** The server's request log, or null when the level leaves requests out (then no request pays for it). */
export function requestLogging(serverDir: string, logger: Logger): RequestLog | null {
  if (!logger.isLevelEnabled('info')) return null
  const hits = hitSummary(logger)
  let nameRoute: (pathname: string) => string = () => '(none)'
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(serverDir, '..', 'routes-manifest.json'), 'utf8'),
    ) as RoutesManifest
    nameRoute = routeNamer(routesOf(manifest))
  } catch (error) {
    logger.warn(`request log: no routes manifest, routes are not named (${(error as Error).message})`)
  }
  const log = (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now()
    const done = () => {
      const ms = Math.round((performance.now() - started) * 10) / 10
      const outcome = outcomes.get(response) ?? 'next'
      const pathname = pathOf(request.url)
      const given = request.headers['x-request-id']
      const isr = response.getHeader('x-nextjs-cache')
      logger.info(
        {
          reqId: typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID(),
          method: request.method,
          route: nameRoute(pathname),
          path: pathname,
          status: response.statusCode,
          ms,
          cache: outcome,
          ...(isr ? { isr } : {}),
          ...(response.writableFinished ? {} : { aborted: true }),
        },
        'request',
      )
    }
    response.once('close', done)
  }
  const hit = (request: IncomingMessage, response: ServerResponse) =>
    hits.count(nameRoute(pathOf(request.url)), response.statusCode)
  return { log, hit, flush: hits.stop }
}
