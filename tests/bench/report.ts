// The bench's results as one JSON document (docs/bench/latest.json; `npm run capacity` reads it)
// and as the Markdown table printed at the end and kept in docs/bench/latest.md.
import type { CacheMissResult } from './cache-miss'
import { targetVerdict, type ScenarioResult } from './measure'
import type { OneCoreResult } from './one-core'
import { SOAK_PROCESS_LIMIT_MB, SOAK_SERVER_LIMIT_MB, type SoakResult } from './soak'
import type { ProcessPeak } from './process-memory'
import { LIGHTHOUSE_TARGET, type LighthousePage } from './lighthouse'
import { describeWriteCheck } from './write-check'
import { PAGE_VIEW_P99_TARGET_MS } from './scenarios'
import { restartVerdict, type RestartResult } from './restart-under-load'
import { groupPastCache, WORKER_RSS_LIMIT_MB, type PageViewResult, type PageViewRun } from './page-view-measure'
import { summariseExcluded, VIEW_KINDS } from './page-view-recording'

export type Ratio = { id: string; label: string; vsCeiling?: number; vsNextStart?: number }

export type BenchReport = {
  version: 1
  startedAt: string
  durationSeconds: number
  machine: { cpus: number; cpuModel: string; memoryMb: number; node: string }
  settings: {
    smoke: boolean
    seconds: number
    connections: number
    tool: 'wrk' | 'autocannon'
    database: 'embedded' | 'postgresql'
    redis: boolean
    references: boolean
    workers: number
    partial?: boolean
  }
  scenarios: ScenarioResult[]
  cacheMiss: { lookbook: CacheMissResult; nextStart?: CacheMissResult }
  /** VmHWM of each server process when its runs ended. */
  highWaterMarks: { lookbook: ProcessPeak[]; nextStart?: ProcessPeak[] }
  ratios: Ratio[]
  oneCore?: OneCoreResult
  soak?: SoakResult
  /** Lighthouse's mobile scores of the pages visitors land on (./lighthouse.ts). */
  lighthouse?: LighthousePage[]
  /** Whole page views as a phone makes them, recorded and replayed (./page-view-measure.ts). */
  pageViews?: PageViewRun
  /** The page-view mix against a server restarted under it (./restart-under-load.ts). */
  restart?: RestartResult
  failures: string[]
}

/** Lookbook's req/s over the ceiling's and over `next start`'s, for the page scenarios. */
export function pageRatios(scenarios: ScenarioResult[]): Ratio[] {
  const ceiling = scenarios.find((s) => s.server === 'ceiling')
  const round = (n: number) => Math.round(n * 100) / 100
  return scenarios
    .filter((s) => s.server === 'lookbook' && s.family === 'page')
    .map((s) => {
      const next = scenarios.find((other) => other.server === 'next-start' && other.id === s.id)
      return {
        id: s.id,
        label: s.label,
        ...(ceiling && s.id === ceiling.id
          ? { vsCeiling: round(s.load.requestsPerSecond / ceiling.load.requestsPerSecond) }
          : {}),
        ...(next ? { vsNextStart: round(s.load.requestsPerSecond / next.load.requestsPerSecond) } : {}),
      }
    })
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1))

function cacheColumn(states: Record<string, number>): string {
  const total = Object.values(states).reduce((sum, n) => sum + n, 0)
  if (total === 0) return '–'
  return Object.entries(states)
    .sort(([, a], [, b]) => b - a)
    .map(([state, n]) => `${state} ${Math.round((n / total) * 100)}%`)
    .join(', ')
}

function memoryColumn(result: ScenarioResult): string {
  const parts = result.memory.filter((p) => p.peakRssMb > 0).map((p) => p.peakRssMb)
  return parts.length > 1 ? `${result.peakRssTotalMb} (${parts.join(' + ')})` : String(result.peakRssTotalMb)
}

export function markdownReport(report: BenchReport): string {
  const { settings, machine } = report
  const lines = [
    `# Lookbook bench — ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${settings.smoke ? 'Smoke run' : settings.partial ? 'Partial run' : 'Full run'}: ${settings.seconds} s per scenario, ${settings.connections} connections, ${settings.tool}, ` +
      `${settings.database === 'embedded' ? 'embedded database (served by the bench process)' : 'PostgreSQL'}${settings.redis ? ', Redis' : ''}, ${settings.workers} worker process(es); ` +
      `${machine.cpus} × ${machine.cpuModel}, ${Math.round(machine.memoryMb / 1024)} GB, Node ${machine.node}. Took ${Math.round(report.durationSeconds)} s.`,
    '',
    '| server | scenario | req/s | p50 ms | p99 ms | errors | front cache | peak RSS MB | writes |',
    '|---|---|---:|---:|---:|---:|---|---:|---|',
    ...report.scenarios.map(
      (s) =>
        `| ${s.server} | ${s.label} | ${Math.round(s.load.requestsPerSecond)} | ${ms(s.load.latencyMs.p50)} | ${ms(s.load.latencyMs.p99)} | ${s.load.errors} | ${cacheColumn(s.load.cacheStates)} | ${memoryColumn(s)} | ${s.writeCheck ? describeWriteCheck(s.writeCheck) : ''} |`,
    ),
    '',
    "Peak RSS: the highest resident size sampled every 250 ms during the scenario, summed over the server's processes (each in brackets).",
    ...report.scenarios.filter((s) => s.targetP99Ms).map((s) => `${s.label}: ${targetVerdict(s)}.`),
    ...report.scenarios
      .filter((s) => s.editing)
      .map(
        (s) =>
          `${s.label}: the editors saved ${s.editing!.saved} times (${s.editing!.conflicts} refused as conflicts, ${s.editing!.failed} failed; save p99 ${ms(s.editing!.p99Ms)} ms).`,
      ),
    '',
    '**Cache miss** (first request of a never-rendered product page, one at a time):',
    '',
    '| server | pages | p50 ms | p99 ms | max ms | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...Object.entries(report.cacheMiss).map(
      ([server, m]) => `| ${server} | ${m.pages} | ${ms(m.p50Ms)} | ${ms(m.p99Ms)} | ${ms(m.maxMs)} | ${m.errors} |`,
    ),
    '',
    `**Memory high-water marks** (VmHWM at the end): ${Object.entries(report.highWaterMarks)
      .map(([server, peaks]) => `${server} ${peaks.map((p) => `${p.peakRssMb} MB (${p.command})`).join(', ')}`)
      .join('; ')}`,
  ]
  if (report.ratios.some((r) => r.vsCeiling !== undefined || r.vsNextStart !== undefined)) {
    lines.push(
      '',
      '**Ratios** (Lookbook req/s ÷ reference req/s):',
      '',
      '| page | ÷ ceiling (bare node:http, same bytes) | ÷ next start |',
      '|---|---:|---:|',
    )
    for (const r of report.ratios.filter((r) => r.vsCeiling !== undefined || r.vsNextStart !== undefined))
      lines.push(`| ${r.label} | ${r.vsCeiling ?? '–'} | ${r.vsNextStart ?? '–'} |`)
  }
  if (report.pageViews) lines.push('', ...pageViewLines(report.pageViews))
  if (report.restart) lines.push('', `**Restart under load**: ${restartVerdict(report.restart)}.`)
  if (report.oneCore) {
    const o = report.oneCore
    lines.push(
      '',
      `**One-dyno model** (one core, WEB_CONCURRENCY=1, ${o.heapMb ? `--max-old-space-size=${o.heapMb}` : 'the server’s default heap limit'}; campaign mix; limit p99 ≤ ${o.p99LimitMs} ms and no errors): ` +
        `**${o.bestRequestsPerSecond} req/s** at ${o.bestConnections} connections; VmHWM ${o.highWaterMarkTotalMb} MB of 512.`,
      '',
      '| connections | req/s | p50 ms | p99 ms | errors | writes kept | peak RSS MB | within limit |',
      '|---:|---:|---:|---:|---:|---|---:|---|',
      ...o.steps.map(
        (s) =>
          `| ${s.connections} | ${s.requestsPerSecond} | ${ms(s.p50Ms)} | ${ms(s.p99Ms)} | ${s.errors} | ${s.writesOk ? 'yes' : 'NO'} | ${s.peakRssTotalMb} | ${s.passed ? 'yes' : 'no'} |`,
      ),
    )
  }
  if (report.soak) lines.push('', ...soakLines(report.soak))
  if (report.lighthouse) lines.push('', ...lighthouseLines(report.lighthouse))
  lines.push(
    '',
    report.failures.length === 0
      ? 'No errors, no lost or doubled writes.'
      : `**Failures:**\n\n${report.failures.map((f) => `- ${f}`).join('\n')}`,
    '',
  )
  return lines.join('\n')
}

const kb = (bytes: number) => (bytes / 1024).toFixed(bytes >= 100 * 1024 ? 0 : 1)

function met(ok: boolean): string {
  return ok ? 'met' : 'NOT MET'
}

function kindCell(result: PageViewResult, kind: string): string {
  const k = result.kinds.find((entry) => entry.kind === kind)
  if (!k) return '–'
  return k.p50Ms !== undefined && k.p99Ms !== undefined
    ? `${k.perView} (${ms(k.p50Ms)} / ${ms(k.p99Ms)})`
    : String(k.perView)
}

function pastCacheByKind(result: PageViewResult): string {
  const parts = result.kinds.filter((k) => k.pastCachePerView > 0).map((k) => `${k.kind} ${k.pastCachePerView}`)
  return parts.length > 0 ? `${result.pastCachePerView} (${parts.join(', ')})` : String(result.pastCachePerView)
}

function pageViewLines(run: PageViewRun): string[] {
  const lines = [
    '**Page views as a phone makes them**: each page opened in Chromium as a first-time visitor from Facebook’s in-app browser ' +
      '(390×844 at 3×, touch; no cookies, nothing cached), scrolled slowly to the bottom until the network was quiet, every request ' +
      'that reached this server recorded (document, scripts, styles, images, live APIs, router prefetches) and replayed with wrk, ' +
      'each connection a visitor going through the view in order, over and over. The returning visitor has liked the outfit: its ' +
      'cookie is sent, and what its browser had cached is not asked again. Views/s = requests/s ÷ requests per view; p50/p99 per request; ' +
      'bytes as sent (compressed, headers included); “past the front cache”: answers not HIT or STALE (MISS, BYPASS, or no ' +
      'x-lookbook-cache at all: a live route or Next). A speed target never fails a run.',
    '',
    `| view | views/s | target views/s | requests per view | p50 ms | p99 ms | p99 ≤ ${run.results[0]?.targetP99Ms ?? PAGE_VIEW_P99_TARGET_MS} ms | KB per view | past the front cache per view | errors | workers' RSS after, MB (≤ ${WORKER_RSS_LIMIT_MB}) |`,
    '|---|---:|---|---:|---:|---:|---|---:|---|---:|---|',
    ...run.results
      .map((r) =>
        [
          r.label,
          Math.round(r.viewsPerSecond),
          r.targetViewsPerSecond !== undefined
            ? `≥ ${r.targetViewsPerSecond}: ${met(r.viewsPerSecond >= r.targetViewsPerSecond)}`
            : '–',
          r.requestsPerView,
          ms(r.load.latencyMs.p50),
          ms(r.load.latencyMs.p99),
          met(r.load.latencyMs.p99 <= r.targetP99Ms),
          kb(r.bytesPerView),
          pastCacheByKind(r),
          r.errors,
          `${(r.workerRssMb ?? []).join(', ')}: ${met((r.workerRssMb ?? []).every((mb) => mb <= WORKER_RSS_LIMIT_MB))}`,
        ].join(' | '),
      )
      .map((row) => `| ${row} |`),
  ]
  if (run.results.length > 0) {
    const kinds = VIEW_KINDS.filter((kind) => run.results.some((r) => r.kinds.some((k) => k.kind === kind)))
    lines.push(
      '',
      'Requests per view by kind, with p50 / p99 ms of each kind replayed alone (a short run per kind: wrk cannot time one request within the mix; none with BENCH_VIEW_KIND_SECONDS=0):',
      '',
      `| view | ${kinds.join(' | ')} |`,
      `|---|${kinds.map(() => '---:').join('|')}|`,
      ...run.results.map((r) => `| ${r.label} | ${kinds.map((kind) => kindCell(r, kind)).join(' | ')} |`),
      '',
      'Requests the front cache did not answer (one pass through each view after its replay, grouped by path; all of them in latest.json): MISS, BYPASS, or no x-lookbook-cache (a live route or Next answered):',
      '',
    )
    for (const r of run.results) {
      const groups = groupPastCache(r.pastCache).map((line) => `\`${line.replace(/ \(/, '` (')}`)
      lines.push(`- ${r.label}: ${groups.length > 0 ? groups.join(', ') : 'none'}`)
    }
    const left = run.results.flatMap((r) =>
      r.recorded
        .filter((view) => view.excluded.length > 0)
        .map((view) => `${r.label} (${view.page}): ${summariseExcluded(view.excluded)}`),
    )
    if (left.length > 0)
      lines.push('', 'Left out of the recordings:', '', ...[...new Set(left)].map((line) => `- ${line}`))
  }
  for (const skipped of run.skipped) lines.push('', `${skipped.id}: not measured (${skipped.reason}).`)
  for (const warning of run.warnings) lines.push('', `Browser while recording: ${warning}`)
  return lines
}

function lighthouseLines(pages: LighthousePage[]): string[] {
  const runs = pages[0]?.runs.length ?? 0
  return [
    `**Lighthouse**, mobile preset (simulated slow 4G and 4× CPU), the median of ${runs} runs per page; target performance ≥ ${LIGHTHOUSE_TARGET.performance}, the others ${LIGHTHOUSE_TARGET.others}:`,
    '',
    '| page | performance | accessibility | best practices | SEO | performance per run | TBT ms | LCP ms | target |',
    '|---|---:|---:|---:|---:|---|---:|---:|---|',
    ...pages
      .map(({ page, path, runs: measured, median: { scores, tbtMs, lcpMs }, met }) =>
        [
          `${page} \`${path}\``,
          scores.performance,
          scores.accessibility,
          scores['best-practices'],
          scores.seo,
          measured.map((run) => run.scores.performance).join(', '),
          tbtMs,
          lcpMs,
          met ? 'met' : 'NOT MET',
        ].join(' | '),
      )
      .map((row) => `| ${row} |`),
  ]
}

function soakLines(soak: SoakResult): string[] {
  const roles = [...new Set(soak.samples.flatMap((sample) => Object.keys(sample.rssMb)))]
  return [
    `**Soak** (the one-dyno model for ${soak.seconds} s: one core, one worker, campaign mix at ${soak.connections} connections): ` +
      `**${soak.requestsPerSecond} req/s**, p50 ${ms(soak.p50Ms)} ms, p99 ${ms(soak.p99Ms)} ms, ${soak.errors} errors, writes ${soak.writesOk ? 'kept' : 'NOT KEPT'}, ${soak.restarts} restarts; ` +
      `VmHWM ${soak.highWaterMarkTotalMb} MB of ${SOAK_SERVER_LIMIT_MB}; each process ≤ ${SOAK_PROCESS_LIMIT_MB} MB at the end: ${Object.values(soak.finalRssMb).every((mb) => mb <= SOAK_PROCESS_LIMIT_MB) ? 'yes' : 'NO'}.`,
    '',
    `| s | ${roles.join(' | ')} |`,
    `|---:|${roles.map(() => '---:').join('|')}|`,
    ...soak.samples.map(
      (sample) => `| ${sample.atSeconds} | ${roles.map((role) => sample.rssMb[role] ?? '–').join(' | ')} |`,
    ),
    '',
    'RSS in MB, sampled every 30 s.',
  ]
}
