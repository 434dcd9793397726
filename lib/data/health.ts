import 'server-only'
// Whether this instance can serve (GET /api/ready): the database answers and holds every migration
// this code expects; the shared KV is reported too. Each check is bounded by a short timeout, so a
// database that hangs is answered "not ready" in about two seconds, not after the pool's own wait.
import { databasePool, usesEmbeddedDatabase } from '@/lib/db/pool'
import { readMigrations } from '@/lib/db/migrations'
import { keyValueStore } from '@/lib/kv'
import { withTimeout } from '@/lib/timeout'

/** How long each check may take before it counts as failed. */
export const CHECK_TIMEOUT_MS = 2_000

export type Check = { ok: boolean; ms: number; problem?: string }

export type Readiness = {
  /** Ready when the database answers and is fully migrated. The KV does not decide it: the site
   *  serves without it (decision 015), and taking every instance out for it would turn a degraded
   *  site into a down one. */
  ok: boolean
  database: Check & { kind: 'embedded' | 'postgresql' }
  migrations: Check & { expected?: number; pending?: string[] }
  kv: Check & { driver: 'memory' | 'redis' | 'upstash' }
}

async function timed<T>(work: () => Promise<T>): Promise<Check & { value?: T }> {
  const started = performance.now()
  try {
    const value = await withTimeout(work(), CHECK_TIMEOUT_MS, `no answer within ${CHECK_TIMEOUT_MS} ms`)
    return { ok: true, ms: Math.round(performance.now() - started), value }
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), problem: (error as Error).message }
  }
}

/** Whether the database answers a trivial query in time (also asked after a page failed to render). */
export async function checkDatabase(): Promise<Check> {
  const { ok, ms, problem } = await timed(() => databasePool().query('SELECT 1'))
  return { ok, ms, problem }
}

/** The migrations this code expects that the database has not finished (rolled back ones count as missing). */
async function pendingMigrations(): Promise<{ expected: number; pending: string[] }> {
  const [expected, applied] = await Promise.all([
    readMigrations(),
    databasePool().query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    ),
  ])
  const done = new Set(applied.rows.map((row) => row.migration_name))
  return { expected: expected.length, pending: expected.map((m) => m.name).filter((name) => !done.has(name)) }
}

export async function checkReadiness(): Promise<Readiness> {
  const kvStore = keyValueStore()
  const [database, migrations, kv] = await Promise.all([
    checkDatabase(),
    timed(pendingMigrations),
    timed(() => kvStore.ping()),
  ])
  const pending = migrations.value?.pending ?? []
  const migrated: Readiness['migrations'] = migrations.ok
    ? {
        ok: pending.length === 0,
        ms: migrations.ms,
        expected: migrations.value!.expected,
        pending,
        ...(pending.length ? { problem: `${pending.length} migration(s) not applied: run npm run db:migrate` } : {}),
      }
    : { ok: false, ms: migrations.ms, problem: migrations.problem }
  return {
    ok: database.ok && migrated.ok,
    database: {
      ok: database.ok,
      ms: database.ms,
      problem: database.problem,
      kind: usesEmbeddedDatabase() ? 'embedded' : 'postgresql',
    },
    migrations: migrated,
    kv: { ok: kv.ok, ms: kv.ms, problem: kv.problem, driver: kvStore.driver },
  }
}
