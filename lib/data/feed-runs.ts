import 'server-only'
// Feed sync runs as running servers follow them: what each finished run changed, in the order the
// runs finished. Times are epoch milliseconds on the database's clock (the runs are dated by it).
import { query } from './sql'
import type { FeedChanges } from './feed-sync'

/** A run's end in epoch milliseconds (TIMESTAMP(3) holds UTC without a zone: extract reads it so). */
const MILLISECONDS = `round(extract(epoch FROM "finishedAt") * 1000)::float8`

export type FinishedFeedRun = { id: string; finishedAt: number; changes: FeedChanges }

/** When the last run finished (0 when none has): a server starting now need not replay earlier ones. */
export async function lastFeedRunFinishedAt(): Promise<number> {
  const rows = await query<{ at: number | null }>(
    `SELECT max(${MILLISECONDS}) AS at FROM "FeedRun" WHERE "finishedAt" IS NOT NULL`,
  )
  return rows[0]?.at ?? 0
}

/** Runs that finished after `since` with changes, oldest first. */
export async function feedRunsFinishedAfter(since: number): Promise<FinishedFeedRun[]> {
  return query<FinishedFeedRun>(
    // Whole milliseconds compared exactly (a float's rounding must not show a run twice); the range
    // on the indexed column around it keeps the query from reading every run ever made.
    `SELECT id, ${MILLISECONDS} AS "finishedAt", changes FROM "FeedRun"
     WHERE "finishedAt" > to_timestamp($1::float8 / 1000) AT TIME ZONE 'UTC' - interval '1 second'
       AND ${MILLISECONDS} > $1 AND changes IS NOT NULL
     ORDER BY "finishedAt"`,
    [since],
  )
}
