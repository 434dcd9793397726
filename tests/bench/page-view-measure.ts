// Page views measured: each scenario's recorded views (./page-view-recording.ts, made afresh on the
// server being measured) replayed with wrk (./page-view-script.ts), as many connections as the
// single-URL scenarios, each connection a visitor going through a view over and over.
//   1. warming: the recording rendered every page, image and prefetch once, but each worker
//      process has a front cache of its own, so each request is sent once more per worker (on new
//      connections, which the cluster hands out in turn); in full runs an unmeasured replay
//      follows, so the figures are of the steady state;
//   2. the replay measured: page views a second (requests a second ÷ requests per view), p50/p99
//      per request, bytes per view (all bytes read, headers included, compressed as sent), the
//      answers not from the front cache (not HIT or STALE) per view, errors;
//   3. one pass through each view (a few requests at a time) to name the requests the front cache
//      did not answer (deduplicated), so the report says which reach Next or the database;
//   4. per kind of request (document, script, style, image, api, prefetch, other) a short replay
//      of that kind's requests alone (BENCH_VIEW_KIND_SECONDS; 0: none, the pass above then gives
//      each kind's answers past the front cache): wrk's Lua cannot time one request, so a kind's
//      p50/p99 and its answers past the front cache come from its own run.
// Errors: statuses other than 2xx and 3xx (304 included), plus socket errors and timeouts.
import http from 'node:http'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { browserAvailable } from '../support/browser'
import type { RunContext } from './measure'
import { processTree, statusMb } from './process-memory'
import { pageViewScript } from './page-view-script'
import {
  recordPageViews,
  VIEW_KINDS,
  type ExcludedRequest,
  type RecordedRequest,
  type RecordedView,
  type Recordings,
  type RequestKindOfView,
  type ViewName,
  type ViewPages,
} from './page-view-recording'
import type { PageViewScenario } from './scenarios'
import { RESULT_MARKER } from './wrk-script'
import { capture, WRK } from './wrk-runner'

/** Issue #23: at most this much resident memory per worker after minutes of page views. */
export const WORKER_RSS_LIMIT_MB = 300

export type ViewLoad = {
  requests: number
  seconds: number
  requestsPerSecond: number
  latencyMs: { p50: number; p90: number; p99: number; max: number }
  /** All bytes read (status lines, headers and bodies, as compressed as they were sent). */
  bytes: number
  statuses: Record<string, number>
  /** Answers by x-lookbook-cache (HIT, STALE, MISS, BYPASS; "none": the answer had no such header). */
  cacheStates: Record<string, number>
  socketErrors: { connect: number; read: number; write: number; timeout: number }
  /** Statuses outside 200–399 plus socket errors and timeouts. */
  errors: number
}

export type KindResult = {
  kind: RequestKindOfView
  /** Requests of this kind per view. */
  perView: number
  /** From the kind's own run; absent when per-kind runs are off (BENCH_VIEW_KIND_SECONDS=0). */
  p50Ms?: number
  p99Ms?: number
  requestsPerSecond?: number
  /**
   * Answers of this kind per view that did not come from the front cache: its own run's share, or
   * without per-kind runs, the pass through the views after the replay.
   */
  pastCachePerView: number
  errors: number
}

export type PastCacheRequest = {
  method: string
  path: string
  kind: RequestKindOfView
  status: number
  /** x-lookbook-cache (MISS, BYPASS) or "none": a live route or Next answered. */
  answer: string
}

export type PageViewResult = {
  id: string
  label: string
  /** The pages of its views (one, or four for the mix). */
  pages: string[]
  connections: number
  requestsPerView: number
  viewsPerSecond: number
  bytesPerView: number
  /** Answers per view that did not come from the front cache (not HIT or STALE), in the measured replay. */
  pastCachePerView: number
  load: ViewLoad
  kinds: KindResult[]
  /** The requests the front cache did not answer, one pass through the views after the replay. */
  pastCache: PastCacheRequest[]
  targetViewsPerSecond?: number
  targetP99Ms: number
  /** Errors of the measured replay and of the per-kind runs. */
  errors: number
  /**
   * Resident memory of each of the server's worker processes right after the measured replay, MB
   * (`BENCH_SECONDS=300` makes it the "after 5 minutes of page views" figure), against the limit.
   */
  workerRssMb: number[]
  /** What was replayed (headers left out for brevity) and what the recording left out. */
  recorded: {
    page: string
    requests: { method: string; path: string; kind: RequestKindOfView; status: number | null; cache: string | null }[]
    excluded: ExcludedRequest[]
  }[]
}

const FROM_CACHE = new Set(['HIT', 'STALE'])

function pastCacheCount(states: Record<string, number>): number {
  return Object.entries(states)
    .filter(([state]) => !FROM_CACHE.has(state))
    .reduce((sum, [, n]) => sum + n, 0)
}

type ScriptResult = {
  statuses: Record<string, number>
  cache: Record<string, number>
  sent: number
  answered: number
  requests: number
  bytes: number
  durationUs: number
  socketErrors: ViewLoad['socketErrors']
  p50us: number
  p90us: number
  p99us: number
  maxUs: number
}

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places

/** Reads the replay script's JSON line (exported for checking against samples). */
export function parseReplayOutput(output: string): ViewLoad {
  const line = output.split('\n').find((text) => text.startsWith(RESULT_MARKER))
  if (!line) throw new Error(`wrk output lacks the page-view script's result line:\n${output}`)
  const result = JSON.parse(line.slice(RESULT_MARKER.length)) as ScriptResult
  const seconds = result.durationUs / 1e6
  const badStatuses = Object.entries(result.statuses)
    .filter(([status]) => Number(status) < 200 || Number(status) > 399)
    .reduce((sum, [, n]) => sum + n, 0)
  const socket = result.socketErrors
  return {
    requests: result.requests,
    seconds: round(seconds, 3),
    requestsPerSecond: seconds > 0 ? round(result.requests / seconds, 1) : 0,
    latencyMs: {
      p50: result.p50us / 1000,
      p90: result.p90us / 1000,
      p99: result.p99us / 1000,
      max: result.maxUs / 1000,
    },
    bytes: result.bytes,
    statuses: result.statuses,
    cacheStates: result.cache,
    socketErrors: socket,
    errors: badStatuses + socket.connect + socket.read + socket.write + socket.timeout,
  }
}

type ReplayRun = { name: string; views: RecordedRequest[][]; seconds: number }

/** The views replayed with wrk for `run.seconds`, as many connections as the run's options say. */
export async function replayViews(run: ReplayRun, baseUrl: string, context: RunContext): Promise<ViewLoad> {
  const { options } = context
  const script = path.join(context.scriptDir, `${run.name.replace(/[^a-z0-9]+/gi, '-')}.lua`)
  const threads = Math.min(options.threads, options.connections)
  await writeFile(script, pageViewScript(run.views, { name: run.name, threads, connections: options.connections }))
  const output = await capture(WRK, [
    '-t',
    String(threads),
    '-c',
    String(options.connections),
    '-d',
    `${run.seconds}s`,
    '--timeout',
    `${options.timeoutSeconds}s`,
    '-s',
    script,
    `${baseUrl}/`,
  ])
  return parseReplayOutput(output)
}

/**
 * Each distinct request once per worker, one at a time, each on a connection of its own: Node's
 * cluster hands connections to its workers in turn, so every worker's front cache gets each one.
 */
async function warmWorkers(baseUrl: string, views: RecordedRequest[][], workers: number): Promise<void> {
  const distinct = new Map(views.flat().map((request) => [JSON.stringify(request), request]))
  for (const request of distinct.values())
    for (let i = 0; i < workers; i++) await send(baseUrl, request, false).catch(() => undefined)
}

/** Each request of each view once, a few at a time: who answered it. */
async function passThrough(
  baseUrl: string,
  views: RecordedRequest[][],
  parallel = 4,
): Promise<{ pastCache: PastCacheRequest[]; answers: Map<RecordedRequest, PastCacheRequest> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: parallel })
  const queue = views.flat()
  const answers = new Map<RecordedRequest, PastCacheRequest>()
  try {
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let request = queue.shift(); request !== undefined; request = queue.shift()) {
          const { status, cache } = await send(baseUrl, request, agent)
          const { method, path, kind } = request
          answers.set(request, { method, path, kind, status, answer: cache ?? 'none' })
        }
      }),
    )
  } finally {
    agent.destroy()
  }
  // In the views' order, each request once.
  const seen = new Map<string, PastCacheRequest>()
  for (const request of views.flat()) {
    const answer = answers.get(request)!
    const key = `${request.method} ${request.path}`
    if (!FROM_CACHE.has(answer.answer) && !seen.has(key)) seen.set(key, answer)
  }
  return { pastCache: [...seen.values()], answers }
}

function send(
  baseUrl: string,
  request: RecordedRequest,
  agent: http.Agent | false,
): Promise<{ status: number; cache: string | null }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      new URL(request.path, baseUrl),
      { method: request.method, headers: request.headers, agent, timeout: 10_000 },
      (response) => {
        response.resume()
        response.on('end', () => {
          const cache = response.headers['x-lookbook-cache']
          resolve({ status: response.statusCode ?? 0, cache: typeof cache === 'string' ? cache : null })
        })
        response.on('error', reject)
      },
    )
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${request.method} ${request.path}: no answer in 10 s`)))
    outgoing.on('error', reject)
    outgoing.end(request.body)
  })
}

export async function measurePageView(
  scenario: PageViewScenario,
  recorded: Partial<Record<ViewName, RecordedView>>,
  baseUrl: string,
  context: RunContext,
  settings: { kindSeconds: number; workers: number; serverPid: number },
): Promise<PageViewResult> {
  const views = scenario.views.map((name) => {
    const view = recorded[name]
    if (!view) throw new Error(`${scenario.id}: the ${name} view was not recorded`)
    return view
  })
  const lists = views.map((view) => view.requests)
  const requestsPerView = lists.reduce((sum, list) => sum + list.length, 0) / lists.length
  const { options } = context
  await warmWorkers(baseUrl, lists, settings.workers)
  if (options.warmUpSeconds > 0)
    await replayViews(
      { name: `${scenario.id}-warm-up`, views: lists, seconds: options.warmUpSeconds },
      baseUrl,
      context,
    )
  const load = await replayViews({ name: scenario.id, views: lists, seconds: options.seconds }, baseUrl, context)
  const workerRssMb = processTree(settings.serverPid)
    .filter((pid) => pid !== settings.serverPid)
    .map((pid) => Math.round(statusMb(pid, 'VmRSS')))
  const { pastCache, answers } = await passThrough(baseUrl, lists)
  const kinds: KindResult[] = []
  for (const kind of VIEW_KINDS) {
    const ofKind = lists.map((list) => list.filter((request) => request.kind === kind))
    const perView = ofKind.reduce((sum, list) => sum + list.length, 0) / lists.length
    if (perView === 0) continue
    if (settings.kindSeconds <= 0) {
      const past = ofKind.flat().filter((request) => !FROM_CACHE.has(answers.get(request)!.answer)).length
      kinds.push({ kind, perView: round(perView), pastCachePerView: round(past / lists.length), errors: 0 })
      continue
    }
    const kindLoad = await replayViews(
      { name: `${scenario.id}-${kind}`, views: ofKind, seconds: settings.kindSeconds },
      baseUrl,
      context,
    )
    const answered = Object.values(kindLoad.cacheStates).reduce((sum, n) => sum + n, 0)
    kinds.push({
      kind,
      perView: round(perView),
      p50Ms: kindLoad.latencyMs.p50,
      p99Ms: kindLoad.latencyMs.p99,
      requestsPerSecond: kindLoad.requestsPerSecond,
      pastCachePerView: answered > 0 ? round((pastCacheCount(kindLoad.cacheStates) / answered) * perView) : 0,
      errors: kindLoad.errors,
    })
  }
  const answered = Object.values(load.cacheStates).reduce((sum, n) => sum + n, 0)
  const viewsDone = load.requests / requestsPerView
  return {
    id: scenario.id,
    label: scenario.label,
    pages: views.map((view) => view.path),
    connections: options.connections,
    requestsPerView: round(requestsPerView),
    viewsPerSecond: round(load.requestsPerSecond / requestsPerView, 1),
    bytesPerView: viewsDone > 0 ? Math.round(load.bytes / viewsDone) : 0,
    pastCachePerView: answered > 0 ? round((pastCacheCount(load.cacheStates) / answered) * requestsPerView) : 0,
    load,
    kinds,
    pastCache,
    ...(scenario.targetViewsPerSecond ? { targetViewsPerSecond: scenario.targetViewsPerSecond } : {}),
    targetP99Ms: scenario.targetP99Ms,
    errors: load.errors + kinds.reduce((sum, kind) => sum + kind.errors, 0),
    workerRssMb,
    recorded: views.map((view) => ({
      page: view.path,
      requests: view.requests.map(({ method, path, kind, recorded }) => ({ method, path, kind, ...recorded })),
      excluded: view.excluded,
    })),
  }
}

/** Whether a page view met its targets, in words (a speed target never fails a run). */
export function pageViewVerdict(result: PageViewResult): string {
  const parts: string[] = []
  if (result.targetViewsPerSecond !== undefined)
    parts.push(
      `${Math.round(result.viewsPerSecond)} views/s against ≥ ${result.targetViewsPerSecond}: ${result.viewsPerSecond >= result.targetViewsPerSecond ? 'met' : 'NOT MET'}`,
    )
  parts.push(
    `p99 ${result.load.latencyMs.p99} ms per request against ≤ ${result.targetP99Ms}: ${result.load.latencyMs.p99 <= result.targetP99Ms ? 'met' : 'NOT MET'}`,
  )
  return parts.join('; ')
}

/** What fails a page view in smoke mode: errors in its replays. */
export function pageViewFailures(result: PageViewResult): string[] {
  if (result.errors === 0) return []
  const byKind = result.kinds
    .filter((kind) => kind.errors > 0)
    .map((kind) => `${kind.kind} ${kind.errors}`)
    .join(', ')
  return [
    `page view ${result.label}: ${result.errors} errors (replay statuses ${JSON.stringify(result.load.statuses)}, socket ${JSON.stringify(result.load.socketErrors)}${byKind ? `; per-kind runs: ${byKind}` : ''})`,
  ]
}

/** The requests past the front cache grouped by path (an image optimiser's 29 URLs are one line). */
export function groupPastCache(requests: PastCacheRequest[]): string[] {
  const groups = new Map<string, PastCacheRequest[]>()
  for (const request of requests) {
    const [pathname, query] = request.path.split('?')
    const key = `${request.method} ${pathname}${query === undefined ? '' : '?…'} (${request.kind}, ${request.answer === 'none' ? 'no x-lookbook-cache' : request.answer}${request.status >= 400 ? `, ${request.status}` : ''})`
    groups.set(key, [...(groups.get(key) ?? []), request])
  }
  return [...groups].map(([key, members]) =>
    members.length === 1 && members[0]!.path.length <= 80
      ? key.replace(/^(\S+) \S+/, `$1 ${members[0]!.path}`)
      : `${key}${members.length > 1 ? ` × ${members.length}` : ''}`,
  )
}

export function describePageView(result: PageViewResult): string[] {
  const kinds = result.kinds
    .map(
      (k) =>
        `${k.kind} ${k.perView} (${k.p50Ms !== undefined ? `p50 ${k.p50Ms} / p99 ${k.p99Ms} ms, ` : ''}past cache ${k.pastCachePerView})`,
    )
    .join(', ')
  return [
    `  page view / ${result.label}: ${result.viewsPerSecond} views/s (${Math.round(result.load.requestsPerSecond)} req/s ÷ ${result.requestsPerView} per view), p50 ${result.load.latencyMs.p50} ms, p99 ${result.load.latencyMs.p99} ms, ${Math.round(result.bytesPerView / 1024)} KB per view, ${result.pastCachePerView} per view past the front cache, ${result.errors} errors`,
    `    by kind: ${kinds}`,
    `    past the front cache: ${groupPastCache(result.pastCache).join(', ') || 'none'}`,
    `    workers' RSS after the replay: ${result.workerRssMb.map((mb) => `${mb} MB`).join(', ')} (limit ${WORKER_RSS_LIMIT_MB} MB)`,
    `    ${pageViewVerdict(result)}`,
  ]
}

export type PageViewRun = {
  results: PageViewResult[]
  /**
   * Scenarios not measured, and why: no wrk or no Chromium on this machine (said, not failed), or
   * a view that could not be recorded (a failure: the page or its like button is broken).
   */
  skipped: { id: string; reason: string; failed: boolean }[]
  /** What the browser reported while recording (Content-Security-Policy violations). */
  warnings: string[]
}

/** Records the views the scenarios need on the server at `baseUrl`, then measures each scenario. */
export async function runPageViews(
  scenarios: PageViewScenario[],
  baseUrl: string,
  pages: ViewPages,
  context: RunContext,
  /** The server's worker processes (each has a front cache of its own to warm). */
  workers: number,
  /** The server's primary process, whose children are the workers. */
  serverPid: number,
  log: (line: string) => void,
  /** Views to record for another measure (./restart-under-load.ts), and where to hand them. */
  also: { views: ViewName[]; keep: (views: Recordings['views']) => void } = { views: [], keep: () => undefined },
): Promise<PageViewRun> {
  const run: PageViewRun = { results: [], skipped: [], warnings: [] }
  if (scenarios.length === 0 && also.views.length === 0) return run
  const skipAll = (reason: string, failed: boolean) => {
    for (const s of scenarios) run.skipped.push({ id: s.id, reason, failed })
    log(`  page views: skipped (${reason})`)
    return run
  }
  if (context.options.tool !== 'wrk') return skipAll('replaying them needs wrk: apt-get install -y wrk', false)
  let recordings: Recordings
  try {
    // Outside CI a machine without Chromium skips them; in CI browserAvailable() throws.
    if (!browserAvailable()) return skipAll('recording them needs Chromium: apt-get install -y chromium', false)
    const started = Date.now()
    const wanted = [...new Set([...scenarios.flatMap((s) => s.views), ...also.views])]
    recordings = await recordPageViews(baseUrl, pages, wanted, log)
    log(`  page views recorded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } catch (error) {
    return skipAll(`could not record: ${error instanceof Error ? error.message : String(error)}`, true)
  }
  run.warnings.push(...recordings.warnings)
  also.keep(recordings.views)
  for (const scenario of scenarios) {
    const missing = scenario.views.filter((name) => !recordings.views[name])
    if (missing.length > 0) {
      const reason = missing.map((name) => `${name} not recorded: ${recordings.failed[name] ?? 'unknown'}`).join('; ')
      run.skipped.push({ id: scenario.id, reason, failed: true })
      log(`  page view / ${scenario.label}: skipped (${reason})`)
      continue
    }
    const started = Date.now()
    const result = await measurePageView(scenario, recordings.views, baseUrl, context, {
      kindSeconds: context.options.viewKindSeconds,
      workers,
      serverPid,
    })
    for (const line of describePageView(result)) log(line)
    log(`    measured in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    run.results.push(result)
  }
  return run
}
