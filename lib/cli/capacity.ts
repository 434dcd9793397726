// npm run capacity — what the campaign's peak needs and costs, from the bench's one-dyno figure:
//   npm run capacity -- [--peak-rph 45000] [--visitors-per-day N] [--results docs/bench/latest.json]
//                       [--headroom 0.5] [--requests-per-visitor 6]
// Heroku: dynos for the peak (each planned at `headroom` below what one measured core carried),
// the Postgres and Key-Value plans their connections need. Vercel Pro: the month's usage. Side by
// side with the old campaign's bill. Prices: ./capacity-prices.ts (dated, from memory: check them).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  DEFAULT_HEROKU,
  DEFAULT_TRAFFIC,
  DEFAULT_VERCEL,
  herokuOptions,
  monthlyRequests,
  vercelMonth,
  type OneDynoFigure,
  type TrafficInput,
} from './capacity-model'
import { OLD_CAMPAIGN_BILL, PRICES_CHECKED_ON } from './capacity-prices'

class UsageError extends Error {}

function positive(name: string, raw: string | undefined, fallback: number, max = Number.POSITIVE_INFINITY): number {
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new UsageError(
      `--${name} must be a number above 0${Number.isFinite(max) ? ` and at most ${max}` : ''} (got "${raw}")`,
    )
  return value
}

/** The one-dyno figure from a bench results file (docs/bench/latest.json). */
export async function readOneDynoFigure(file: string): Promise<OneDynoFigure & { measuredAt: string }> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`cannot read ${file}: run \`npm run bench\` first (it writes docs/bench/latest.json).`)
  })
  const report = JSON.parse(text) as {
    startedAt?: string
    oneCore?: { bestRequestsPerSecond: number; highWaterMarkTotalMb: number }
  }
  if (!report.oneCore)
    throw new UsageError(
      `${file} has no one-dyno figure: run \`npm run bench\` (full) or \`npm run bench -- --smoke --one-core\`.`,
    )
  return {
    requestsPerSecond: report.oneCore.bestRequestsPerSecond,
    highWaterMarkMb: report.oneCore.highWaterMarkTotalMb,
    measuredAt: report.startedAt ?? 'unknown',
  }
}

const usd = (n: number) => (Number.isNaN(n) ? '—' : `$${n.toFixed(2)}`)
const difference = (n: number) => (Number.isNaN(n) ? '—' : `${n < 0 ? '−' : '+'}$${Math.abs(n).toFixed(2)}`)

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'peak-rph': { type: 'string' },
      'visitors-per-day': { type: 'string' },
      'requests-per-visitor': { type: 'string' },
      results: { type: 'string' },
      headroom: { type: 'string' },
    },
  })
  const traffic: TrafficInput = {
    ...DEFAULT_TRAFFIC,
    peakRequestsPerHour: positive('peak-rph', values['peak-rph'], DEFAULT_TRAFFIC.peakRequestsPerHour),
    requestsPerVisitor: positive(
      'requests-per-visitor',
      values['requests-per-visitor'],
      DEFAULT_TRAFFIC.requestsPerVisitor,
    ),
    ...(values['visitors-per-day']
      ? { visitorsPerDay: positive('visitors-per-day', values['visitors-per-day'], 0) }
      : {}),
  }
  const headroom =
    values.headroom === undefined ? DEFAULT_HEROKU.headroom : positive('headroom', values.headroom, 0, 0.95)
  const file = path.resolve(values.results ?? 'docs/bench/latest.json')
  const figure = await readOneDynoFigure(file)
  const requests = monthlyRequests(traffic)

  console.log(
    `Peak ${traffic.peakRequestsPerHour} requests/hour (${(traffic.peakRequestsPerHour / 3600).toFixed(1)} req/s); month ≈ ${(requests / 1e6).toFixed(2)} M requests ` +
      (traffic.visitorsPerDay !== undefined
        ? `(${traffic.visitorsPerDay} visitors/day × ${traffic.requestsPerVisitor} requests × 30)`
        : `(peak hour = ${traffic.peakHourShare * 100} % of a day, × 30; --visitors-per-day to set)`),
  )
  console.log(
    `One-dyno model (bench of ${figure.measuredAt.slice(0, 10)}, ${path.relative(process.cwd(), file)}): ${figure.requestsPerSecond} req/s of the campaign mix on one core at p99 ≤ 200 ms, ${figure.highWaterMarkMb} MB; planned at ${Math.round((1 - headroom) * 100)} % of that.\n`,
  )

  console.log('Heroku (per month)')
  console.log('| dyno | dynos | dynos $ | Postgres | Key-Value | total | vs old bill |')
  console.log('|---|---:|---:|---|---|---:|---:|')
  for (const option of herokuOptions(figure, traffic, { ...DEFAULT_HEROKU, headroom })) {
    if (option.impossible) {
      console.log(`| ${option.dyno.name} | — | — | — | — | not possible: ${option.impossible} | |`)
      continue
    }
    const plan = (p?: { name: string; usdPerMonth: number }) => (p ? `${p.name} ${usd(p.usdPerMonth)}` : 'none fits')
    console.log(
      `| ${option.dyno.name} | ${option.dynos} | ${usd(option.dynos * option.dyno.usdPerMonth)} | ${plan(option.postgres)} | ${plan(option.keyValue)} | ${usd(option.monthlyUsd)} | ${difference(option.monthlyUsd - OLD_CAMPAIGN_BILL.totalUsd)} |`,
    )
  }

  const vercel = vercelMonth(traffic)
  const v = DEFAULT_VERCEL
  console.log("\nVercel Pro (per month; usage beyond the plan's included amounts)")
  console.log(
    `Assumed: ${v.functionMemoryGb} GB functions, ${v.functionSeconds * 1000} ms each, ${v.activeCpuMsPerRequest} ms CPU per live request and ${v.activeCpuMsPerRegeneration} ms per regeneration; ` +
      `${v.regenerationShare * 100} % of page views regenerate a page, ${v.isrReadShare * 100} % miss the CDN; a page is ${v.pageUnits} ISR units (8 KB each).`,
  )
  console.log('| item | quantity | cost |')
  console.log('|---|---:|---:|')
  for (const line of vercel.lines) console.log(`| ${line.item} | ${line.quantity} | ${usd(line.usd)} |`)
  console.log(
    `| **total** | | **${usd(vercel.monthlyUsd)}** (vs old bill ${difference(vercel.monthlyUsd - OLD_CAMPAIGN_BILL.totalUsd)}) |`,
  )

  console.log(
    `\nOld campaign: ${usd(OLD_CAMPAIGN_BILL.addonsUsd)} add-ons + ${usd(OLD_CAMPAIGN_BILL.dynosUsd)} dynos = ${usd(OLD_CAMPAIGN_BILL.totalUsd)}/month at a peak of ${OLD_CAMPAIGN_BILL.peakRequestsPerHour} requests/hour.`,
  )
  console.log(
    `Prices as of ${PRICES_CHECKED_ON}, written from memory of the public price pages (no network here): check lib/cli/capacity-prices.ts's sources before deciding.`,
  )
}

try {
  await main()
} catch (error) {
  const usage = error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
  console.error(usage ? `capacity: ${(error as Error).message}` : error)
  process.exit(1)
}
