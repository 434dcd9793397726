import 'server-only'
// Plain SQL through the process's pool, for the data code that works in bulk or in processes that
// must stay small (the feed sync, its watcher, pushed feed events): no Prisma client loaded.
import { randomUUID } from 'node:crypto'
import { databasePool } from '@/lib/db/pool'

/**
 * The database's clock, as Prisma stores times: in UTC, without a zone (TIMESTAMP(3)). One clock
 * for what several processes compare (a lease, the runs a server follows).
 */
export const NOW_UTC = `(now() AT TIME ZONE 'UTC')`

/** The rows of one statement. */
export async function query<Row = unknown>(text: string, values: unknown[] = []): Promise<Row[]> {
  return (await databasePool().query(text, values)).rows as Row[]
}

/** An id for a row written here (Prisma makes cuids; any unique text will do). */
export const newId = () => `c${randomUUID().replaceAll('-', '')}`
