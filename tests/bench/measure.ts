// One scenario against one server: render its pages once (the bench measures the cache, and the
// cache miss separately), run the load while sampling the server's memory, then check that the
// database kept the writes the server accepted.
import { runAutocannon } from './autocannon-runner'
import type { WriteCounts } from './bench-database'
import type { LoadOptions, LoadPlan, LoadResult } from './load-plan'
import type { BenchOptions } from './options'
import { sampleTreeMemory, totalMb, type ProcessPeak } from './process-memory'
import { capturePage } from './references'
import { pathsToWarm, type Scenario } from './scenarios'
import { compareWrites, settledWriteCounts, type WriteCheck } from './write-check'
import { runWrk } from './wrk-runner'
import { startEditors, type EditingSummary } from './editors-at-work'

export type ServerKind = 'lookbook' | 'next-start' | 'ceiling'

export type ScenarioResult = {
  id: string
  label: string
  family: Scenario['family']
  server: ServerKind
  connections: number
  load: LoadResult
  memory: ProcessPeak[]
  peakRssTotalMb: number
  writeCheck?: WriteCheck
  editing?: EditingSummary
  targetP99Ms?: number
}

export type Target = {
  kind: ServerKind
  url: string
  pid: number
}

export type RunContext = {
  options: BenchOptions
  scriptDir: string
  runId: number
  countWrites: () => Promise<WriteCounts>
}

export function runLoad(plan: LoadPlan, load: LoadOptions, context: RunContext): Promise<LoadResult> {
  return context.options.tool === 'wrk'
    ? runWrk(plan, load, context.scriptDir)
    : runAutocannon(plan, load, context.scriptDir)
}

/** Requests each path once, a few at a time, so the load measures cached answers. */
export async function warm(baseUrl: string, paths: string[], parallel = 4): Promise<void> {
  const queue = [...new Set(paths)]
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift())
        await capturePage(baseUrl, path).catch(() => undefined)
    }),
  )
}

export type MeasureSettings = { seconds: number; connections: number; cpus?: string; threads?: number }

export async function measureScenario(
  scenario: Scenario,
  target: Target,
  context: RunContext,
  settings: MeasureSettings,
): Promise<ScenarioResult> {
  if (target.kind !== 'ceiling') await warm(target.url, pathsToWarm(scenario))
  const loadOptions = {
    baseUrl: target.url,
    seconds: settings.seconds,
    connections: settings.connections,
    threads: settings.threads ?? context.options.threads,
    timeoutSeconds: context.options.timeoutSeconds,
    runId: context.runId,
    ...(settings.cpus ? { cpus: settings.cpus } : {}),
  }
  // A short unmeasured run first, so the figures are of the steady state, not of V8 compiling the
  // path under load. Writes are counted from when the warm-up's last answers have landed.
  const warmUpSeconds = context.options.warmUpSeconds
  if (warmUpSeconds > 0) await runLoad(scenario.plan, { ...loadOptions, seconds: warmUpSeconds }, context)
  const before = scenario.writes ? await settledWriteCounts(context.countWrites) : undefined
  const editors = scenario.editors
    ? await startEditors(target.url, scenario.editors, scenario.editorPauseMs)
    : undefined
  const sampler = sampleTreeMemory(target.pid)
  let memory: ProcessPeak[] = []
  let load: LoadResult
  let editing: EditingSummary | undefined
  try {
    load = await runLoad(scenario.plan, loadOptions, context)
  } finally {
    memory = sampler.stop()
    editing = await editors?.stop()
  }
  const writeCheck = before ? compareWrites(before, await settledWriteCounts(context.countWrites), load) : undefined
  return {
    id: scenario.id,
    label: scenario.label,
    family: scenario.family,
    server: target.kind,
    connections: settings.connections,
    load,
    memory,
    peakRssTotalMb: totalMb(memory),
    ...(writeCheck ? { writeCheck } : {}),
    ...(editing ? { editing } : {}),
    ...(scenario.targetP99Ms ? { targetP99Ms: scenario.targetP99Ms } : {}),
  }
}

/** Whether a scenario met the p99 its issue asks of it, in words. */
export function targetVerdict(result: ScenarioResult): string {
  const met = result.load.latencyMs.p99 < result.targetP99Ms!
  return `p99 ${result.load.latencyMs.p99} ms against a target of ${result.targetP99Ms} ms: ${met ? 'met' : 'NOT MET'}`
}

/** What makes a scenario fail in smoke mode: errors, or writes the database did not keep. */
export function failuresOf(result: ScenarioResult): string[] {
  const failures: string[] = []
  if (result.load.errors > 0)
    failures.push(
      `${result.server} / ${result.label}: ${result.load.errors} errors (statuses ${JSON.stringify(result.load.statuses)}, socket ${JSON.stringify(result.load.socketErrors)})`,
    )
  if (result.editing && (result.editing.failed > 0 || result.editing.saved === 0))
    failures.push(`${result.server} / ${result.label}: editors' saves failed (${JSON.stringify(result.editing)})`)
  if (result.writeCheck && !result.writeCheck.ok)
    failures.push(`${result.server} / ${result.label}: the database did not keep exactly the accepted writes`)
  return failures
}
