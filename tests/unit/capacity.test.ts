// The arithmetic behind `npm run capacity`: dynos for a peak, plan choice by connections, and the
// Vercel month (usage within the plan's included amounts costs nothing beyond the seat).
import { describe, expect, it } from 'vitest'
import {
  cheapestPlanFor,
  DEFAULT_TRAFFIC,
  DEFAULT_VERCEL,
  dynosNeeded,
  herokuOption,
  monthlyRequests,
  vercelMonth,
} from '@/lib/cli/capacity-model'
import {
  HEROKU_DYNOS,
  HEROKU_POSTGRES,
  OLD_CAMPAIGN_BILL,
  PRICES_CHECKED_ON,
  VERCEL_PRO,
} from '@/lib/cli/capacity-prices'

const dyno = (name: string) => HEROKU_DYNOS.find((d) => d.name === name)!

describe('dynosNeeded', () => {
  it('plans each dyno at (1 - headroom) of its measured req/s', () => {
    // 45 000 req/h = 12.5 req/s; 20 req/s measured, half usable = 10 → 2 dynos.
    expect(dynosNeeded(45_000, 20, 0.5)).toBe(2)
    expect(dynosNeeded(45_000, 25, 0.5)).toBe(1)
    expect(dynosNeeded(36_000, 10, 0)).toBe(1)
    expect(dynosNeeded(36_001, 10, 0)).toBe(2)
  })
  it('never plans fewer than the minimum, and cannot plan on a zero figure', () => {
    expect(dynosNeeded(10, 1000, 0.5, 2)).toBe(2)
    expect(dynosNeeded(45_000, 0, 0.5)).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('herokuOption', () => {
  const traffic = { ...DEFAULT_TRAFFIC, peakRequestsPerHour: 45_000 }
  it('adds the dynos and the cheapest data plans their connections need', () => {
    const option = herokuOption(dyno('Standard-1X'), { requestsPerSecond: 10, highWaterMarkMb: 300 }, traffic)
    // 12.5 req/s at 5 usable per dyno → 3 dynos; 3 × 1 worker × 5 connections = 15 → Essential-0 (20).
    expect(option.dynos).toBe(3)
    expect(option.postgres?.name).toBe('Essential-0')
    expect(option.keyValue?.name).toBe('Mini') // 3 × (1 worker + primary) = 6 connections
    expect(option.monthlyUsd).toBe(3 * 25 + 5 + 3)
  })
  it('gives a two-core dyno twice the one-core figure, with a worker per core', () => {
    const option = herokuOption(dyno('Standard-2X'), { requestsPerSecond: 10, highWaterMarkMb: 300 }, traffic)
    expect(option.dynos).toBe(2) // 20 req/s × 0.5 = 10 usable per dyno
  })
  it('refuses a dyno the server does not fit in, or Basic beyond one dyno', () => {
    expect(
      herokuOption(dyno('Standard-1X'), { requestsPerSecond: 100, highWaterMarkMb: 600 }, traffic).impossible,
    ).toMatch(/512 MB/)
    expect(herokuOption(dyno('Basic'), { requestsPerSecond: 10, highWaterMarkMb: 300 }, traffic).impossible).toMatch(
      /at most 1/,
    )
    expect(
      herokuOption(dyno('Basic'), { requestsPerSecond: 100, highWaterMarkMb: 300 }, traffic).impossible,
    ).toBeUndefined()
  })
})

describe('cheapestPlanFor', () => {
  it('picks the cheapest plan allowing the connections, or none', () => {
    expect(cheapestPlanFor(HEROKU_POSTGRES, 20)?.name).toBe('Essential-0')
    expect(cheapestPlanFor(HEROKU_POSTGRES, 21)?.name).toBe('Essential-2')
    expect(cheapestPlanFor(HEROKU_POSTGRES, 100_000)).toBeUndefined()
  })
})

describe('the month of traffic', () => {
  it('comes from visitors when given, otherwise from the peak hour and its share of a day', () => {
    expect(monthlyRequests({ ...DEFAULT_TRAFFIC, visitorsPerDay: 10_000, requestsPerVisitor: 6 })).toBe(1_800_000)
    expect(monthlyRequests({ ...DEFAULT_TRAFFIC, peakRequestsPerHour: 45_000, peakHourShare: 0.1 })).toBe(13_500_000)
  })
  it('costs only the seat on Vercel while usage stays within the included amounts', () => {
    const small = vercelMonth({ ...DEFAULT_TRAFFIC, visitorsPerDay: 100, requestsPerVisitor: 6 }, DEFAULT_VERCEL)
    expect(small.monthlyUsd).toBe(VERCEL_PRO.seat.usdPerMonth)
  })
  it('charges edge requests beyond the included ten million per million', () => {
    const month = vercelMonth({ ...DEFAULT_TRAFFIC, peakRequestsPerHour: 45_000, peakHourShare: 0.1 }, DEFAULT_VERCEL)
    const edge = month.lines.find((line) => line.item === 'Edge requests')!
    expect(edge.usd).toBeCloseTo(3.5 * VERCEL_PRO.edgeRequests.usdPerMillion, 6)
    expect(month.monthlyUsd).toBeCloseTo(
      month.lines.reduce((sum, line) => sum + line.usd, 0),
      9,
    )
  })
})

describe('the price table', () => {
  it('is dated and names a source for every price', () => {
    expect(PRICES_CHECKED_ON).toBe('2026-11-28')
    for (const price of [...HEROKU_DYNOS, ...HEROKU_POSTGRES]) expect(price.source).toMatch(/^https:\/\//)
    expect(OLD_CAMPAIGN_BILL.addonsUsd + OLD_CAMPAIGN_BILL.dynosUsd).toBe(OLD_CAMPAIGN_BILL.totalUsd)
  })
})
