// npm run bench — throughput, latency, memory and write safety of the production build on this
// machine, in one run: each page kind and public API, live offers, likes and comments, the
// campaign mix and the cache-miss latency against the Lookbook server; the same pages against two
// references (a bare node:http server with the same bytes, and Next's own `next start`); and the
// one-dyno model that `npm run capacity` sizes Heroku with; and whole page views as a phone makes
// them (recorded in Chromium from the server measured, replayed with wrk: page-view-*.ts). See
// options.ts for flags and variables.
// Results: docs/bench/latest.{json,md,svg} (committed) and bench-results/<time>/ (not).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { copyProductionBuild, ensureProductionBuild, startNext, type RunningServer } from '../support/next-server'
import { ROOT } from '../support/test-env'
import { prepareBenchDatabase } from './bench-database'
import { measureCacheMisses } from './cache-miss'
import { readCampaignUrls } from './campaign-urls'
import { failuresOf, measureScenario, targetVerdict, type RunContext, type ScenarioResult } from './measure'
import { runOneCoreModel } from './one-core'
import { runSoak } from './soak'
import { readBenchOptions } from './options'
import { highWaterMarks } from './process-memory'
import { measureLighthouse } from './lighthouse'
import { capturePage, startCeilingServer } from './references'
import { markdownReport, pageRatios, type BenchReport } from './report'
import { barChartSvg } from './report-svg'
import { pageViewFailures, replayViews, runPageViews, type PageViewRun } from './page-view-measure'
import { benchScenarios, NEXT_START_SCENARIOS, pageViewScenarios } from './scenarios'
import type { RecordedRequest, Recordings } from './page-view-recording'
import { measureRestart, restartFailures, restartMix, RESTART_SCENARIO_ID, RESTART_VIEWS } from './restart-under-load'

const log = (line: string) => console.log(line)
const started = new Date()
const options = readBenchOptions()
const scriptDir = await mkdtemp(path.join(os.tmpdir(), 'lookbook-bench-'))
const database = await prepareBenchDatabase(log)
const context: RunContext = {
  options,
  scriptDir,
  runId: Math.floor(Math.random() * 65536),
  countWrites: database.countWrites,
}
// The production default, one worker per core (the test servers run one), unless WEB_CONCURRENCY says.
const workers = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism())
const serverEnv = {
  ...database.serverEnv,
  WEB_CONCURRENCY: String(workers),
  ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
}
// Servers to stop (and whose last words to print) if the run fails.
const running: Pick<RunningServer, 'output' | 'stop'>[] = []
// A copy of the test build: test runs that rebuild .next-test meanwhile do not pull it from under us.
const BENCH_DIST_DIR = '.next-test-bench'

function startServer(entry: 'lookbook' | 'next-start', env: Record<string, string> = {}): Promise<RunningServer> {
  return startNext({ ...serverEnv, ...env }, { entry, distDir: BENCH_DIST_DIR })
}

async function withServer<T>(entry: 'lookbook' | 'next-start', use: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer(entry)
  running.push(server)
  try {
    return await use(server)
  } finally {
    await server.stop()
    running.splice(running.indexOf(server), 1)
  }
}

function logResult(result: ScenarioResult): void {
  const { load } = result
  log(
    `  ${result.server} / ${result.label}: ${Math.round(load.requestsPerSecond)} req/s, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, ${load.errors} errors, ${result.peakRssTotalMb} MB`,
  )
  if (result.targetP99Ms) log(`    ${targetVerdict(result)}`)
  const editing = result.editing
  if (editing)
    log(
      `    editors: ${editing.saved} saves, ${editing.conflicts} refused as conflicts, ${editing.failed} failed, save p99 ${editing.p99Ms} ms`,
    )
}

async function main(): Promise<BenchReport> {
  // Half the held-back products for each server's cache misses.
  const urls = await readCampaignUrls(options.missPages * 2)
  const allScenarios = benchScenarios(urls)
  const allViews = pageViewScenarios()
  const knownIds = [...allScenarios, ...allViews].map((s) => s.id).concat(RESTART_SCENARIO_ID)
  const unknownIds = (options.only ?? []).filter((id) => !knownIds.includes(id))
  if (unknownIds.length > 0)
    throw new Error(`--only: unknown scenario ${unknownIds.join(', ')} (known: ${knownIds.join(', ')})`)
  const scenarios = options.only ? allScenarios.filter((s) => options.only!.includes(s.id)) : allScenarios
  const views = options.only
    ? allViews.filter((s) => options.only!.includes(s.id))
    : allViews.filter((s) => !(options.smoke && s.notInSmoke))
  const restartWanted = options.only ? options.only.includes(RESTART_SCENARIO_ID) : !options.smoke
  let recordedViews: Recordings['views'] = {}
  /** The mix the restart replays, once recorded (./restart-under-load.ts). */
  let restartViews: RecordedRequest[][] | undefined
  let siteUrl = ''
  await ensureProductionBuild()
  await copyProductionBuild(BENCH_DIST_DIR)
  log(
    `Lookbook bench: ${options.smoke ? 'smoke, ' : ''}${options.seconds} s per scenario, ${options.connections} connections, ${options.tool}, ${database.kind} database${options.redisUrl ? ', Redis' : ''}, ${workers} worker process(es)`,
  )
  const results: ScenarioResult[] = []
  const measure = { seconds: options.seconds, connections: options.connections }

  let productPage: Awaited<ReturnType<typeof capturePage>> | undefined
  const lookbook = await withServer('lookbook', async (server) => {
    const target = { kind: 'lookbook' as const, url: server.url, pid: server.child.pid! }
    // First, before anything renders: the misses must be real misses.
    const misses = await measureCacheMisses(server.url, urls.neverRendered.slice(0, options.missPages))
    log(`  cache miss: p50 ${misses.p50Ms} ms, p99 ${misses.p99Ms} ms over ${misses.pages} pages`)
    for (const scenario of scenarios) {
      const result = await measureScenario(scenario, target, context, measure)
      logResult(result)
      results.push(result)
    }
    // After the single-URL scenarios: each page is recorded as a first-time visitor sees it, in a
    // browser, on this server (the recording renders and warms them), then replayed.
    const pageViews = await runPageViews(
      views,
      server.url,
      { landing: '/', outfit: urls.outfit, product: urls.product, listing: '/products' },
      context,
      workers,
      server.child.pid!,
      log,
      { views: restartWanted ? RESTART_VIEWS : [], keep: (views) => (recordedViews = views) },
    )
    siteUrl = server.url
    // The restart's predecessor served the mix a while, as a site in traffic has: its workers'
    // lists of most visited answers (two hits or more) are what the restarted server warms.
    restartViews = restartWanted ? restartMix(recordedViews) : undefined
    if (restartViews)
      await replayViews({ name: 'before-restart', views: restartViews, seconds: 3 }, server.url, context)
    if (scenarios.some((s) => s.id === 'product')) productPage = await capturePage(server.url, urls.product)
    const marks = highWaterMarks(server.child.pid!)
    // After the load, on the same server: its caches are warm, as on launch day.
    const lighthouse = options.lighthouse
      ? await measureLighthouse(
          server.url,
          { landing: '/', outfit: urls.outfit, product: urls.product, listing: '/products' },
          options.lighthouseRuns,
          log,
        )
      : undefined
    return { misses, marks, lighthouse, pageViews }
  })

  // After the first server stopped (leaving its most visited answers in Redis, its ISR cache on
  // disk): a new one under the same address, loaded from its first connection.
  let restart: Awaited<ReturnType<typeof measureRestart>>['result'] | undefined
  if (restartViews) {
    const measured = await measureRestart(
      restartViews,
      (port) =>
        startNext(
          // BENCH_RESTART_NODE_OPTIONS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/restart` to profile it.
          { ...serverEnv, SITE_URL: siteUrl, ...restartNodeOptions() },
          { distDir: BENCH_DIST_DIR, emptyCache: false, port },
        ),
      { ...context, warmedFromList: Boolean(options.redisUrl), seconds: options.restartSeconds },
      log,
    )
    restart = measured.result
    await (await measured.server).stop()
  }

  let nextStart:
    { misses: BenchReport['cacheMiss']['lookbook']; marks: BenchReport['highWaterMarks']['lookbook'] } | undefined
  const product = scenarios.find((s) => s.id === 'product')
  if (options.references && productPage && product) {
    const referenceRun = { seconds: options.referenceSeconds, connections: options.connections }
    // As many processes as the Lookbook server's workers.
    const ceiling = await startCeilingServer(productPage, scriptDir, workers)
    running.push({ output: [], stop: ceiling.stop })
    try {
      const result = await measureScenario(
        { ...product, label: `${product.label} (same bytes, from memory)` },
        { kind: 'ceiling', url: ceiling.url, pid: ceiling.child.pid! },
        context,
        referenceRun,
      )
      logResult(result)
      results.push(result)
    } finally {
      await ceiling.stop()
      running.pop()
    }
    nextStart = await withServer('next-start', async (server) => {
      const misses = await measureCacheMisses(server.url, urls.neverRendered.slice(options.missPages))
      for (const scenario of scenarios.filter((s) => NEXT_START_SCENARIOS.includes(s.id))) {
        const result = await measureScenario(
          scenario,
          { kind: 'next-start', url: server.url, pid: server.child.pid! },
          context,
          referenceRun,
        )
        logResult(result)
        results.push(result)
      }
      return { misses, marks: highWaterMarks(server.child.pid!) }
    })
  }

  const mix = allScenarios.find((s) => s.id === 'mix')!
  const oneCore = options.oneCore
    ? await runOneCoreModel(mix, (env) => startServer('lookbook', env), context, log)
    : undefined
  const soak = options.soak ? await runSoak(mix, (env) => startServer('lookbook', env), context, log) : undefined
  const failures = results.flatMap(failuresOf)
  failures.push(...pageViewRunFailures(lookbook.pageViews))
  if (restart) failures.push(...restartFailures(restart))
  if (soak && !soak.passed)
    failures.push('soak: errors, restarts, lost writes or memory over its limits (see the soak table)')
  if (lookbook.misses.errors > 0)
    failures.push(`cache miss: ${lookbook.misses.errors} of ${lookbook.misses.pages} first requests failed`)
  return {
    version: 1,
    startedAt: started.toISOString(),
    durationSeconds: (Date.now() - started.getTime()) / 1000,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryMb: Math.round(os.totalmem() / 2 ** 20),
      node: process.versions.node,
    },
    settings: {
      smoke: options.smoke,
      seconds: options.seconds,
      connections: options.connections,
      tool: options.tool,
      database: database.kind,
      redis: Boolean(options.redisUrl),
      references: options.references,
      workers,
      partial: Boolean(options.only),
    },
    scenarios: results,
    cacheMiss: { lookbook: lookbook.misses, ...(nextStart ? { nextStart: nextStart.misses } : {}) },
    highWaterMarks: { lookbook: lookbook.marks, ...(nextStart ? { nextStart: nextStart.marks } : {}) },
    ratios: pageRatios(results),
    ...(lookbook.pageViews.results.length > 0 || lookbook.pageViews.skipped.length > 0
      ? { pageViews: lookbook.pageViews }
      : {}),
    ...(restart ? { restart } : {}),
    ...(oneCore ? { oneCore } : {}),
    ...(soak ? { soak } : {}),
    ...(lookbook.lighthouse ? { lighthouse: lookbook.lighthouse } : {}),
    failures,
  }
}

function restartNodeOptions(): Record<string, string> {
  const options = process.env.BENCH_RESTART_NODE_OPTIONS?.trim()
  return options ? { NODE_OPTIONS: options } : {}
}

function pageViewRunFailures(run: PageViewRun): string[] {
  return [
    ...run.results.flatMap(pageViewFailures),
    ...run.skipped.filter((s) => s.failed).map((s) => `page view ${s.id}: not measured: ${s.reason}`),
  ]
}

async function writeResults(report: BenchReport): Promise<string> {
  const markdown = markdownReport(report)
  const files: [string, string][] = [
    ['latest.json', `${JSON.stringify(report, null, 2)}\n`],
    ['latest.md', markdown],
    ['latest.svg', barChartSvg(report)],
  ]
  const stamped = path.join(ROOT, 'bench-results', report.startedAt.replace(/[:.]/g, '-'))
  await mkdir(path.join(ROOT, 'docs/bench'), { recursive: true })
  await mkdir(stamped, { recursive: true })
  for (const [name, text] of files) {
    await writeFile(path.join(stamped, name.replace('latest', 'bench')), text)
    // A smoke run proves nothing about speed: it does not replace the committed figures.
    if (!report.settings.smoke && !report.settings.partial) await writeFile(path.join(ROOT, 'docs/bench', name), text)
  }
  return markdown
}

let exitCode = 1
try {
  const report = await main()
  console.log(`\n${await writeResults(report)}`)
  exitCode = report.settings.smoke && report.failures.length > 0 ? 1 : 0
} catch (error) {
  console.error('npm run bench failed:', error)
  for (const server of running) console.error(server.output.slice(-20).join(''))
} finally {
  for (const server of [...running]) await server.stop().catch(() => undefined)
  await database.close()
  await rm(scriptDir, { recursive: true, force: true })
  await rm(path.join(ROOT, BENCH_DIST_DIR), { recursive: true, force: true })
}
process.exit(exitCode)
