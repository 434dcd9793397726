// How a bench run is configured: command-line flags and BENCH_* variables.
//   npm run bench                  full run (BENCH_SECONDS per scenario, references, one-core model)
//   npm run bench -- --smoke       CI: 2 s per scenario, 20 connections, no references; fails on
//                                  errors or lost/doubled writes, never on speed (or BENCH_SMOKE=1)
//   npm run bench -- --one-core    add the one-core model to a smoke run (full runs include it;
//                                  --no-one-core leaves it out)
//   npm run bench -- --soak        add the soak: the one-dyno model held BENCH_SOAK_SECONDS (300),
//                                  checking RSS per process (≤ 300 MB), restarts and errors
//   npm run bench -- --lighthouse  add Lighthouse's mobile scores of the landing, an outfit, a product
//                                  and the listing to a smoke or partial run (full runs include them;
//                                  --no-lighthouse leaves them out); BENCH_LIGHTHOUSE_RUNS (3) per page
//   npm run bench -- --only=offers,mix
//                                  only these scenarios (ids in scenarios.ts); a partial run never
//                                  replaces the committed figures
//   npm run bench -- --only=view-outfit,view-outfit-returning
//                                  page views as a phone makes them (page-view-*.ts): recorded in
//                                  Chromium, replayed with wrk; BENCH_VIEW_KIND_SECONDS (3; 1 in smoke
//                                  runs) for each kind of request's own run, 0 for none
//   npm run bench -- --only=view-restart
//                                  the page-view mix against a server restarted under it, for its
//                                  first BENCH_RESTART_SECONDS (2) (./restart-under-load.ts); full
//                                  runs include it
import { wrkInstalled } from './wrk-runner'

export type BenchOptions = {
  smoke: boolean
  seconds: number
  /** An unmeasured run of each read scenario before its measured one (0 in smoke runs). */
  warmUpSeconds: number
  /** The replay of one kind of a page view's requests alone, for that kind's latency (0: none). */
  viewKindSeconds: number
  /** How long the restart under load is measured from the new server's first connection. */
  restartSeconds: number
  connections: number
  threads: number
  timeoutSeconds: number
  tool: 'wrk' | 'autocannon'
  references: boolean
  referenceSeconds: number
  /** Product pages requested once each, for the cache-miss latency (per server). */
  missPages: number
  oneCore: boolean
  /** Connection counts the one-core model steps through until p99 or errors go over the limit. */
  oneCoreSteps: number[]
  oneCoreP99LimitMs: number
  /** A heap limit for the one-core server; undefined: the production default of lib/server/main.ts. */
  oneCoreHeapMb: number | undefined
  soak: boolean
  soakSeconds: number
  soakConnections: number
  redisUrl: string | undefined
  lighthouse: boolean
  lighthouseRuns: number
  /** Scenario ids to run; undefined runs them all. */
  only: string[] | undefined
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`)
  return value
}

export function readBenchOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const known = new Set([
    '--smoke',
    '--one-core',
    '--no-one-core',
    '--references',
    '--soak',
    '--lighthouse',
    '--no-lighthouse',
  ])
  const onlyArg = argv.find((arg) => arg.startsWith('--only='))
  const unknown = argv.filter((arg) => !known.has(arg) && arg !== onlyArg)
  if (unknown.length > 0)
    throw new Error(`npm run bench: unknown option ${unknown.join(' ')} (known: ${[...known].join(' ')} --only=<ids>)`)
  const smoke = argv.includes('--smoke') || process.env.BENCH_SMOKE === '1'
  const seconds = positiveNumber('BENCH_SECONDS', smoke ? 2 : 10)
  const requestedTool = process.env.BENCH_LOAD_TOOL
  if (requestedTool && requestedTool !== 'wrk' && requestedTool !== 'autocannon')
    throw new Error('BENCH_LOAD_TOOL must be wrk or autocannon')
  const tool = requestedTool === 'autocannon' || !wrkInstalled() ? 'autocannon' : 'wrk'
  return {
    smoke,
    seconds,
    warmUpSeconds: smoke ? 0 : 2,
    viewKindSeconds:
      process.env.BENCH_VIEW_KIND_SECONDS?.trim() === '0'
        ? 0
        : Math.max(1, Math.round(positiveNumber('BENCH_VIEW_KIND_SECONDS', smoke ? 1 : 3))),
    restartSeconds: Math.max(1, Math.round(positiveNumber('BENCH_RESTART_SECONDS', 2))),
    connections: Math.round(positiveNumber('BENCH_CONNECTIONS', smoke ? 20 : 100)),
    threads: 2,
    timeoutSeconds: 5,
    tool,
    references: argv.includes('--references') || !smoke,
    referenceSeconds: Math.max(2, Math.round(seconds / 2)),
    missPages: smoke ? 8 : 20,
    oneCore: argv.includes('--one-core') || (!smoke && !argv.includes('--no-one-core')),
    oneCoreSteps: smoke ? [1, 4, 16] : [1, 2, 4, 8, 16, 32, 64, 128],
    oneCoreP99LimitMs: 200,
    oneCoreHeapMb: process.env.BENCH_ONE_CORE_HEAP_MB
      ? Math.round(positiveNumber('BENCH_ONE_CORE_HEAP_MB', 256))
      : undefined,
    soak: argv.includes('--soak'),
    soakSeconds: Math.round(positiveNumber('BENCH_SOAK_SECONDS', 300)),
    soakConnections: Math.round(positiveNumber('BENCH_SOAK_CONNECTIONS', 16)),
    redisUrl: process.env.BENCH_REDIS_URL?.trim() || undefined,
    lighthouse: argv.includes('--lighthouse') || (!smoke && !onlyArg && !argv.includes('--no-lighthouse')),
    lighthouseRuns: Math.round(positiveNumber('BENCH_LIGHTHOUSE_RUNS', 3)),
    only: onlyArg ? onlyArg.slice('--only='.length).split(',').filter(Boolean) : undefined,
  }
}
