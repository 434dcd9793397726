// A server started under load: a deploy, Heroku's daily restart or a dyno added at the spike. The
// page-view mix (the four recorded first visits) is replayed at full concurrency from the moment
// the new server takes connections, for the first BENCH_RESTART_SECONDS (2): its p99 per request
// is what the visitors arriving during a restart wait. The server before it left its most visited
// answers in Redis (lib/server/hot-pages.ts) and its ISR cache on disk, as a restarted dyno or
// process does; the new one warms from those before it listens. Without Redis there is no list to
// warm from: the row then shows a cold start, and has no target.
import net from 'node:net'
import { freePort, type RunningServer } from '../support/next-server'
import type { RunContext } from './measure'
import { replayViews, type ViewLoad } from './page-view-measure'
import type { RecordedRequest, Recordings, ViewName } from './page-view-recording'

export const RESTART_P99_TARGET_MS = 100
/** `--only=view-restart` runs it (with the recordings it needs) alone. */
export const RESTART_SCENARIO_ID = 'view-restart'
/** The page-view mix's views. */
export const RESTART_VIEWS: ViewName[] = ['landing', 'outfit', 'product', 'listing']

export type RestartResult = {
  seconds: number
  connections: number
  /** Whether the server could warm from a list another server left (Redis set). */
  warmedFromList: boolean
  /** The server's own "Warmed n of m …" line, if it printed one. */
  warmedLine?: string
  /** From starting the process to its first accepted connection. */
  startMs: number
  load: ViewLoad
  /** The next as many seconds, for comparison. */
  after: ViewLoad
  targetP99Ms?: number
}

/** The mix's recorded requests, view by view; undefined unless every view was recorded. */
export function restartMix(recorded: Recordings['views']): RecordedRequest[][] | undefined {
  const views = RESTART_VIEWS.flatMap((name) => {
    const view = recorded[name]
    return view ? [view.requests] : []
  })
  return views.length === RESTART_VIEWS.length ? views : undefined
}

/** Resolves once something accepts a TCP connection on the port (polled every 10 ms). */
async function acceptsConnections(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1' })
      socket.once('connect', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`nothing accepted connections on port ${port} within ${timeoutMs / 1000} s`)
}

export async function measureRestart(
  views: RecordedRequest[][],
  /** Starts the new server on this port; resolves once it answers its readiness check. */
  start: (port: number) => Promise<RunningServer>,
  context: RunContext & { warmedFromList: boolean; seconds: number },
  log: (line: string) => void,
): Promise<{ result: RestartResult; server: Promise<RunningServer> }> {
  const port = await freePort()
  const started = Date.now()
  const server = start(port)
  server.catch(() => undefined) // awaited by the caller; a failed start also stops the wait below
  await Promise.race([acceptsConnections(port, 90_000), server.then(() => undefined)])
  const startMs = Date.now() - started
  const load = await replayViews(
    { name: 'restart', views, seconds: context.seconds },
    `http://localhost:${port}`,
    context,
  )
  // The same load right after: the gap between the two is what the restart itself costs.
  const after = await replayViews(
    { name: 'after-restart', views, seconds: context.seconds },
    `http://localhost:${port}`,
    context,
  )
  const output = (await server).output.join('')
  const warmedLine = output.split('\n').find((line) => line.includes('most visited answers'))
  const result: RestartResult = {
    seconds: context.seconds,
    connections: context.options.connections,
    warmedFromList: context.warmedFromList,
    ...(warmedLine ? { warmedLine: warmedLine.replace(/^.*?(Warmed)/, '$1').replace(/[",}]+$/, '') } : {}),
    startMs,
    load,
    after,
    ...(context.warmedFromList ? { targetP99Ms: RESTART_P99_TARGET_MS } : {}),
  }
  log(`  ${restartVerdict(result)}`)
  return { result, server }
}

export function restartVerdict(result: RestartResult): string {
  const { load } = result
  const target =
    result.targetP99Ms === undefined
      ? 'no target (no Redis: nothing to warm from)'
      : `target ≤ ${result.targetP99Ms} ms: ${load.latencyMs.p99 <= result.targetP99Ms && load.errors === 0 ? 'met' : 'NOT MET'}`
  const { after } = result
  return (
    `restart under load, first ${result.seconds} s at ${result.connections} connections: ${load.requests} requests, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, max ${load.latencyMs.max} ms, ${load.errors} errors; ${target}` +
    ` (the ${result.seconds} s after: ${after.requests} requests, p50 ${after.latencyMs.p50} ms, p99 ${after.latencyMs.p99} ms)` +
    (result.warmedLine ? `; ${result.warmedLine}` : '')
  )
}

export function restartFailures(result: RestartResult): string[] {
  const errors = result.load.errors + result.after.errors
  return errors > 0 ? [`restart under load: ${errors} errors`] : []
}
