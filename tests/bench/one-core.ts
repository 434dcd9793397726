// The one-dyno model: a Heroku Standard dyno has about one core's worth of CPU and 512 MB. The
// Lookbook server runs pinned to core 0 with one worker and a heap limit; the load generator and
// this process (which serves the embedded database, as Postgres would from another machine) move
// to core 1. The campaign mix runs at increasing connection counts (until two steps in a row go
// over the limit); the model's figure is the highest req/s of a step with p99 within the limit and
// no errors. `npm run capacity` uses it.
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import type { RunningServer } from '../support/next-server'
import { failuresOf, measureScenario, warm, type RunContext } from './measure'
import { highWaterMarks, processTree, totalMb, type ProcessPeak } from './process-memory'
import type { Scenario } from './scenarios'

/** What one run of the campaign mix on the one-dyno server came to. */
export type MixFigures = {
  connections: number
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  errors: number
  writesOk: boolean
}

export type OneCoreStep = MixFigures & { peakRssTotalMb: number; passed: boolean }

export type OneCoreResult = {
  /** The heap limit given; undefined: the server's own default. */
  heapMb: number | undefined
  p99LimitMs: number
  steps: OneCoreStep[]
  /** Highest mix req/s of a passing step; 0 when none passed. */
  bestRequestsPerSecond: number
  bestConnections: number
  /** Sum over the server's processes of their VmHWM at the end: compare with 512 MB. */
  highWaterMarkTotalMb: number
  highWaterMarks: ProcessPeak[]
}

/** Sets the CPU affinity of a process (allThreads: every thread, not only the main one). */
function pin(pid: number, cpus: string, allThreads: boolean): void {
  const result = spawnSync('taskset', [...(allThreads ? ['-a'] : []), '-p', '-c', cpus, String(pid)], {
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`taskset could not pin ${pid} to ${cpus}: ${result.stderr}`)
}

/**
 * Starts the Lookbook server as one dyno: one worker, pinned to core 0 (this process and the load
 * generator move to core 1), with every campaign page rendered once; hands it to `use`, then stops
 * it and gives this process every core back.
 */
export async function withOneCoreServer<T>(
  mix: Scenario,
  startLookbook: (env: Record<string, string>) => Promise<RunningServer>,
  env: Record<string, string>,
  log: (line: string) => void,
  use: (server: RunningServer, root: number) => Promise<T>,
): Promise<T> {
  // A child inherits the affinity of the thread that forks it: start the server from core 0.
  pin(process.pid, '0', false)
  const server = await startLookbook({ WEB_CONCURRENCY: '1', ...env }).finally(() => pin(process.pid, '1', true))
  const root = server.child.pid!
  try {
    for (const pid of processTree(root)) pin(pid, '0', true) // also anything started before
    await warm(
      server.url,
      mix.plan.groups.filter((group) => group.method === 'GET').flatMap((group) => group.paths),
    )
    return await use(server, root)
  } catch (error) {
    log(`The one-core server said:\n${server.output.slice(-30).join('')}`)
    throw error
  } finally {
    await server.stop()
    pin(process.pid, `0-${os.cpus().length - 1}`, true)
  }
}

/**
 * Runs the mix against the one-dyno server, the load generator on the other core: its figures,
 * whether it made no errors and kept every write, and the server's peak RSS meanwhile.
 */
export async function runMixOnOneCore(
  mix: Scenario,
  server: RunningServer,
  context: RunContext,
  seconds: number,
  connections: number,
): Promise<{ figures: MixFigures; clean: boolean; peakRssTotalMb: number }> {
  const target = { kind: 'lookbook' as const, url: server.url, pid: server.child.pid! }
  const result = await measureScenario(mix, target, context, { seconds, connections, cpus: '1', threads: 1 })
  const { load } = result
  return {
    figures: {
      connections,
      requestsPerSecond: Math.round(load.requestsPerSecond),
      p50Ms: load.latencyMs.p50,
      p99Ms: load.latencyMs.p99,
      errors: load.errors,
      writesOk: result.writeCheck?.ok ?? true,
    },
    clean: load.errors === 0 && failuresOf(result).length === 0,
    peakRssTotalMb: result.peakRssTotalMb,
  }
}

export async function runOneCoreModel(
  mix: Scenario,
  startLookbook: (env: Record<string, string>) => Promise<RunningServer>,
  context: RunContext,
  log: (line: string) => void,
): Promise<OneCoreResult> {
  const { options } = context
  const heap: Record<string, string> = options.oneCoreHeapMb
    ? { NODE_OPTIONS: `--max-old-space-size=${options.oneCoreHeapMb}` }
    : {}
  return withOneCoreServer(mix, startLookbook, heap, log, async (server, root) => {
    const steps: OneCoreStep[] = []
    for (const connections of options.oneCoreSteps) {
      const { figures, clean, peakRssTotalMb } = await runMixOnOneCore(
        mix,
        server,
        context,
        options.seconds,
        connections,
      )
      const passed = clean && figures.p99Ms <= options.oneCoreP99LimitMs
      steps.push({ ...figures, peakRssTotalMb, passed })
      // One step over the limit can be a regeneration burst; two in a row mean the core is full.
      const stopping = !passed && steps.length >= 2 && !steps[steps.length - 2]!.passed
      log(
        `  one core, ${connections} connections: ${figures.requestsPerSecond} req/s, p99 ${figures.p99Ms} ms, ${figures.errors} errors, ${peakRssTotalMb} MB${passed ? '' : ' — over the limit'}${stopping ? ', stopping' : ''}`,
      )
      if (stopping) break
    }
    const marks = highWaterMarks(root)
    const best = steps.filter((step) => step.passed).sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0]
    return {
      heapMb: options.oneCoreHeapMb,
      p99LimitMs: options.oneCoreP99LimitMs,
      steps,
      bestRequestsPerSecond: best?.requestsPerSecond ?? 0,
      bestConnections: best?.connections ?? 0,
      highWaterMarkTotalMb: totalMb(marks),
      highWaterMarks: marks,
    }
  })
}
