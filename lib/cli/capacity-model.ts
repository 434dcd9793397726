// The arithmetic of `npm run capacity`, kept apart from the command so it can be tested: how many
// dynos a peak needs given the bench's one-dyno figure, which data plans their connections need,
// and what the same month of traffic costs on Vercel Pro. Every assumption is an input.
import {
  HEROKU_DYNOS,
  HEROKU_KEY_VALUE,
  HEROKU_POSTGRES,
  UPSTASH_REDIS,
  VERCEL_PRO,
  type DataPlan,
  type DynoType,
} from './capacity-prices'

/** The bench's one-dyno model: the campaign mix on one core, at most p99 200 ms, no errors. */
export type OneDynoFigure = { requestsPerSecond: number; highWaterMarkMb: number }

export type TrafficInput = {
  peakRequestsPerHour: number
  /** When given, the month's requests are visitors × requests per visitor × 30. */
  visitorsPerDay?: number
  requestsPerVisitor: number
  /** Without visitors: the peak hour's share of a day's requests (a day = peak ÷ share). */
  peakHourShare: number
  /** Shares of the campaign mix (the bench's): page views, live offers, likes, comments. */
  mix: { pages: number; offers: number; likes: number; comments: number }
}

export const DEFAULT_TRAFFIC: TrafficInput = {
  peakRequestsPerHour: 45_000,
  requestsPerVisitor: 6,
  peakHourShare: 0.1,
  mix: { pages: 0.9, offers: 0.06, likes: 0.03, comments: 0.01 },
}

export function monthlyRequests(traffic: TrafficInput): number {
  const perDay =
    traffic.visitorsPerDay !== undefined
      ? traffic.visitorsPerDay * traffic.requestsPerVisitor
      : traffic.peakRequestsPerHour / traffic.peakHourShare
  return Math.round(perDay * 30)
}

export type HerokuOption = {
  dyno: DynoType
  dynos: number
  /** Why this dyno type cannot carry the peak, or undefined when it can. */
  impossible?: string
  postgres?: DataPlan
  keyValue?: DataPlan
  monthlyUsd: number
}

export type HerokuSettings = {
  /** Share of a dyno's measured capacity kept free for bursts (0.5: plan for half). */
  headroom: number
  /** Database connections per server process (DATABASE_POOL_MAX, default 5). */
  poolPerProcess: number
  minDynos: number
}

export const DEFAULT_HEROKU: HerokuSettings = { headroom: 0.5, poolPerProcess: 5, minDynos: 1 }

/** The cheapest plan that allows `connections` open connections. */
export function cheapestPlanFor(plans: DataPlan[], connections: number): DataPlan | undefined {
  return [...plans].sort((a, b) => a.usdPerMonth - b.usdPerMonth).find((plan) => plan.connections >= connections)
}

export function dynosNeeded(
  peakRequestsPerHour: number,
  perDynoRequestsPerSecond: number,
  headroom: number,
  minDynos = 1,
): number {
  if (perDynoRequestsPerSecond <= 0) return Number.POSITIVE_INFINITY
  const usable = perDynoRequestsPerSecond * (1 - headroom)
  return Math.max(minDynos, Math.ceil(peakRequestsPerHour / 3600 / usable))
}

export function herokuOption(
  dyno: DynoType,
  figure: OneDynoFigure,
  traffic: TrafficInput,
  settings: HerokuSettings = DEFAULT_HEROKU,
): HerokuOption {
  // One worker per core's worth of CPU; the one-core figure's memory (primary and one worker) per worker.
  const workers = Math.max(1, Math.floor(dyno.coreEquivalents))
  const dynos = dynosNeeded(
    traffic.peakRequestsPerHour,
    figure.requestsPerSecond * dyno.coreEquivalents,
    settings.headroom,
    settings.minDynos,
  )
  let impossible: string | undefined
  if (figure.highWaterMarkMb * workers > dyno.memoryMb)
    impossible = `needs ${Math.round(figure.highWaterMarkMb * workers)} MB, has ${dyno.memoryMb} MB`
  else if (!Number.isFinite(dynos)) impossible = 'the bench found no load the server carries within the limit'
  else if (dynos > dyno.maxDynos) impossible = `needs ${dynos} dynos; ${dyno.name} runs at most ${dyno.maxDynos}`
  if (impossible) return { dyno, dynos, impossible, monthlyUsd: Number.NaN }
  const postgres = cheapestPlanFor(HEROKU_POSTGRES, dynos * workers * settings.poolPerProcess)
  // Each worker keeps a KV connection; the cluster primary one more for the shared invalidations.
  const keyValue = cheapestPlanFor(HEROKU_KEY_VALUE, dynos * (workers + 1))
  const monthlyUsd =
    dynos * dyno.usdPerMonth + (postgres?.usdPerMonth ?? Number.NaN) + (keyValue?.usdPerMonth ?? Number.NaN)
  return { dyno, dynos, ...(postgres ? { postgres } : {}), ...(keyValue ? { keyValue } : {}), monthlyUsd }
}

export function herokuOptions(
  figure: OneDynoFigure,
  traffic: TrafficInput,
  settings: HerokuSettings = DEFAULT_HEROKU,
): HerokuOption[] {
  return HEROKU_DYNOS.map((dyno) => herokuOption(dyno, figure, traffic, settings))
}

export type VercelSettings = {
  seats: number
  /** Function size (Vercel's default on Pro: 2 GB) and wall time per invocation. */
  functionMemoryGb: number
  functionSeconds: number
  /** CPU actually used per dynamic request and per page regeneration (Fluid bills active CPU). */
  activeCpuMsPerRequest: number
  activeCpuMsPerRegeneration: number
  /** Share of page views that regenerate the page (stale on a 10 s product window: most of them). */
  regenerationShare: number
  /** Share of page views the CDN misses, read from the ISR cache; a page's size in 8 KB units. */
  isrReadShare: number
  pageUnits: number
  /** Upstash commands per live offer request (cache get/set), per like, per comment (rate limits). */
  kvCommands: { offers: number; likes: number; comments: number }
}

export const DEFAULT_VERCEL: VercelSettings = {
  seats: 1,
  functionMemoryGb: 2,
  functionSeconds: 0.1,
  activeCpuMsPerRequest: 20,
  activeCpuMsPerRegeneration: 80,
  regenerationShare: 0.3,
  isrReadShare: 0.1,
  pageUnits: 8,
  kvCommands: { offers: 2, likes: 2, comments: 4 },
}

export type CostLine = { item: string; quantity: string; usd: number }

const overage = (used: number, included: number, pricePerUnit: number) => Math.max(0, used - included) * pricePerUnit

export function vercelMonth(
  traffic: TrafficInput,
  settings: VercelSettings = DEFAULT_VERCEL,
): { lines: CostLine[]; monthlyUsd: number } {
  const requests = monthlyRequests(traffic)
  const pages = requests * traffic.mix.pages
  const dynamic = requests * (traffic.mix.offers + traffic.mix.likes + traffic.mix.comments)
  const regenerations = pages * settings.regenerationShare
  const invocations = dynamic + regenerations
  const cpuHours =
    (dynamic * settings.activeCpuMsPerRequest + regenerations * settings.activeCpuMsPerRegeneration) / 3_600_000
  const gbHours = (invocations * settings.functionSeconds * settings.functionMemoryGb) / 3600
  const readUnits = pages * settings.isrReadShare * settings.pageUnits
  const writeUnits = regenerations * settings.pageUnits
  const kvCommands =
    requests *
    (traffic.mix.offers * settings.kvCommands.offers +
      traffic.mix.likes * settings.kvCommands.likes +
      traffic.mix.comments * settings.kvCommands.comments)
  const p = VERCEL_PRO
  const million = (n: number) => `${(n / 1e6).toFixed(2)} M`
  const lines: CostLine[] = [
    { item: `Pro seat × ${settings.seats}`, quantity: `${settings.seats}`, usd: settings.seats * p.seat.usdPerMonth },
    {
      item: 'Edge requests',
      quantity: million(requests),
      usd: overage(requests, p.edgeRequests.included, p.edgeRequests.usdPerMillion / 1e6),
    },
    {
      item: 'Function invocations',
      quantity: million(invocations),
      usd: overage(invocations, p.invocations.included, p.invocations.usdPerMillion / 1e6),
    },
    {
      item: 'Active CPU',
      quantity: `${cpuHours.toFixed(1)} h`,
      usd: overage(cpuHours, p.activeCpu.includedHours, p.activeCpu.usdPerHour),
    },
    {
      item: 'Provisioned memory',
      quantity: `${gbHours.toFixed(0)} GB-h`,
      usd: overage(gbHours, p.provisionedMemory.includedGbHours, p.provisionedMemory.usdPerGbHour),
    },
    {
      item: 'ISR reads',
      quantity: `${million(readUnits)} units`,
      usd: overage(readUnits, p.isrReads.includedUnits, p.isrReads.usdPerMillionUnits / 1e6),
    },
    {
      item: 'ISR writes',
      quantity: `${million(writeUnits)} units`,
      usd: overage(writeUnits, p.isrWrites.includedUnits, p.isrWrites.usdPerMillionUnits / 1e6),
    },
    {
      item: 'Upstash Redis',
      quantity: `${million(kvCommands)} commands`,
      usd: overage(kvCommands, UPSTASH_REDIS.freeCommands, UPSTASH_REDIS.usdPer100kCommands / 100_000),
    },
  ]
  return { lines, monthlyUsd: lines.reduce((sum, line) => sum + line.usd, 0) }
}
