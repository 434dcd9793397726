// Prices for `npm run capacity`, dated. No network here: these are the figures of the public price
// pages as we knew them (marked `fromMemory: true`), not read from the pages on `checkedOn`.
// Check each source before deciding anything with money, and update the date with the figures.

export const PRICES_CHECKED_ON = '2026-11-28'

export type Price = { usdPerMonth: number; source: string; fromMemory: boolean }

export type DynoType = Price & {
  name: string
  memoryMb: number
  /**
   * Cores' worth of CPU, relative to one core of the bench machine: a modelling assumption from
   * Heroku's "compute" column (1X share; 2X gets twice; Performance-M is dedicated).
   */
  coreEquivalents: number
  /** Basic (like Eco) runs one dyno per process type: it cannot scale out. */
  maxDynos: number
}

const HEROKU_DYNOS_URL = 'https://www.heroku.com/pricing'
const HEROKU_POSTGRES_URL = 'https://elements.heroku.com/addons/heroku-postgresql'
const HEROKU_KV_URL = 'https://elements.heroku.com/addons/heroku-redis'

export const HEROKU_DYNOS: DynoType[] = [
  {
    name: 'Basic',
    usdPerMonth: 7,
    memoryMb: 512,
    coreEquivalents: 1,
    maxDynos: 1,
    source: HEROKU_DYNOS_URL,
    fromMemory: true,
  },
  {
    name: 'Standard-1X',
    usdPerMonth: 25,
    memoryMb: 512,
    coreEquivalents: 1,
    maxDynos: 100,
    source: HEROKU_DYNOS_URL,
    fromMemory: true,
  },
  {
    name: 'Standard-2X',
    usdPerMonth: 50,
    memoryMb: 1024,
    coreEquivalents: 2,
    maxDynos: 100,
    source: HEROKU_DYNOS_URL,
    fromMemory: true,
  },
  {
    name: 'Performance-M',
    usdPerMonth: 250,
    memoryMb: 2560,
    coreEquivalents: 2,
    maxDynos: 100,
    source: HEROKU_DYNOS_URL,
    fromMemory: true,
  },
]

/** A data add-on plan; `connections` is the plan's limit on open connections. */
export type DataPlan = Price & { name: string; connections: number; note: string }

export const HEROKU_POSTGRES: DataPlan[] = [
  { name: 'Essential-0', usdPerMonth: 5, connections: 20, note: '1 GB', source: HEROKU_POSTGRES_URL, fromMemory: true },
  {
    name: 'Essential-1',
    usdPerMonth: 9,
    connections: 20,
    note: '10 GB',
    source: HEROKU_POSTGRES_URL,
    fromMemory: true,
  },
  {
    name: 'Essential-2',
    usdPerMonth: 20,
    connections: 40,
    note: '32 GB',
    source: HEROKU_POSTGRES_URL,
    fromMemory: true,
  },
  {
    name: 'Standard-0',
    usdPerMonth: 50,
    connections: 120,
    note: '4 GB RAM, 64 GB, HA-less, 99.95 %',
    source: HEROKU_POSTGRES_URL,
    fromMemory: true,
  },
  {
    name: 'Standard-2',
    usdPerMonth: 200,
    connections: 400,
    note: '8 GB RAM, 256 GB',
    source: HEROKU_POSTGRES_URL,
    fromMemory: true,
  },
]

export const HEROKU_KEY_VALUE: DataPlan[] = [
  { name: 'Mini', usdPerMonth: 3, connections: 20, note: '25 MB', source: HEROKU_KV_URL, fromMemory: true },
  { name: 'Premium-0', usdPerMonth: 15, connections: 40, note: '50 MB', source: HEROKU_KV_URL, fromMemory: true },
  { name: 'Premium-1', usdPerMonth: 30, connections: 80, note: '100 MB', source: HEROKU_KV_URL, fromMemory: true },
  { name: 'Premium-2', usdPerMonth: 60, connections: 200, note: '250 MB', source: HEROKU_KV_URL, fromMemory: true },
]

const VERCEL_URL = 'https://vercel.com/pricing'
const UPSTASH_URL = 'https://upstash.com/pricing/redis'

/** Vercel Pro: a seat, then usage beyond what the plan includes (Fluid compute pricing, iad1). */
export const VERCEL_PRO = {
  seat: { usdPerMonth: 20, source: VERCEL_URL, fromMemory: true },
  invocations: { included: 1_000_000, usdPerMillion: 0.6, source: VERCEL_URL, fromMemory: true },
  activeCpu: { includedHours: 4, usdPerHour: 0.128, source: VERCEL_URL, fromMemory: true },
  provisionedMemory: { includedGbHours: 360, usdPerGbHour: 0.0106, source: VERCEL_URL, fromMemory: true },
  edgeRequests: { included: 10_000_000, usdPerMillion: 2, source: VERCEL_URL, fromMemory: true },
  /** ISR reads and writes are counted in 8 KB units. */
  isrReads: { includedUnits: 10_000_000, usdPerMillionUnits: 0.4, source: VERCEL_URL, fromMemory: true },
  isrWrites: { includedUnits: 2_000_000, usdPerMillionUnits: 4, source: VERCEL_URL, fromMemory: true },
} as const

/** Upstash Redis pay-as-you-go (what the Vercel marketplace's Redis is). */
export const UPSTASH_REDIS = {
  freeCommands: 500_000,
  usdPer100kCommands: 0.2,
  source: UPSTASH_URL,
  fromMemory: true,
} as const

/** The old campaign's real bill (from its invoices), for comparison. */
export const OLD_CAMPAIGN_BILL = { addonsUsd: 128, dynosUsd: 34, totalUsd: 162, peakRequestsPerHour: 45_000 } as const
