import 'server-only'
// Visits that came by a campaign link, counted without a database write per visit: each process
// adds them up in memory for a few seconds, then adds its sums to the day's rows in one statement
// (CampaignVisitCount). Several instances each add their own, so the rows hold the total. A process
// that dies loses at most its last few seconds of counts.
import type { Campaign } from './click-outs'
import { query } from './sql'
import { berlinDay } from '@/lib/format'

export const VISIT_FLUSH_MS = 5_000
/** Distinct day and campaign pairs held at most (a flood of made-up campaigns cannot grow it further). */
const MAX_HELD = 5_000

type Counting = { held: Map<string, number>; timer?: NodeJS.Timeout }
// On globalThis: the proxy's copy of this module and the route handlers' copy count together.
const store = globalThis as { __lookbookVisits?: Counting }
const state: Counting = (store.__lookbookVisits ??= { held: new Map() })

export function countCampaignVisit(campaign: Campaign, at = new Date()): void {
  let key = JSON.stringify([berlinDay(at), campaign.source, campaign.medium, campaign.campaign])
  // Past the limit (made-up campaigns by the thousand), new ones count together as "(other)".
  if (!state.held.has(key) && state.held.size >= MAX_HELD) key = JSON.stringify([berlinDay(at), '(other)', '', ''])
  state.held.set(key, (state.held.get(key) ?? 0) + 1)
  state.timer ??= setTimeout(() => void flushCampaignVisits(), VISIT_FLUSH_MS).unref()
}

/** Adds what this process counted to the database now; kept for the next try if that fails. */
export async function flushCampaignVisits(): Promise<void> {
  clearTimeout(state.timer)
  state.timer = undefined
  if (state.held.size === 0) return
  const rows = [...state.held]
  state.held.clear()
  const columns: [string[], string[], string[], string[], number[]] = [[], [], [], [], []]
  for (const [key, count] of rows) {
    const [day, source, medium, campaign] = JSON.parse(key) as string[]
    columns[0].push(day!)
    columns[1].push(source!)
    columns[2].push(medium!)
    columns[3].push(campaign!)
    columns[4].push(count)
  }
  try {
    await query(
      `INSERT INTO "CampaignVisitCount" (day, source, medium, campaign, count)
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::int[])
       ON CONFLICT (day, source, medium, campaign) DO UPDATE SET count = "CampaignVisitCount".count + EXCLUDED.count`,
      columns,
    )
  } catch {
    // The database is away for a moment: the counts wait for the next try instead of being lost.
    for (const [key, count] of rows) state.held.set(key, (state.held.get(key) ?? 0) + count)
    state.timer ??= setTimeout(() => void flushCampaignVisits(), VISIT_FLUSH_MS).unref()
  }
}
