// The process's node-postgres pool: PostgreSQL when DATABASE_URL is set, otherwise the embedded
// database under DATA_DIR. Prisma and the migration applier both draw connections from it.
import pg from 'pg'
import { settings } from '@/lib/env'
import { createEmbeddedPool } from './embedded/pool'

const globalForPool = globalThis as { __lookbookPool?: pg.Pool }

export function databasePool(): pg.Pool {
  globalForPool.__lookbookPool ??= createPool()
  return globalForPool.__lookbookPool
}

function createPool(): pg.Pool {
  const pool = openPool()
  // An idle connection that breaks (database restart, embedded owner gone) must not crash the
  // process: node-postgres emits 'error' on the pool, and an unheard 'error' event is fatal.
  // A restart ends every idle connection at once: one line says so, not one per connection.
  let warnedAt = 0
  pool.on('error', (error) => {
    if (Date.now() - warnedAt < 10_000) return
    warnedAt = Date.now()
    console.warn(`Database connection lost (it will reconnect): ${error.message}`)
  })
  return pool
}

function openPool(): pg.Pool {
  // `next build` must not need a database: pages render on first request (docs/architecture.md). Failing
  // loudly here keeps it that way; silently opening the embedded database would hide the mistake.
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error(
      'A page or route touched the database during `next build`. Render it on request instead (see docs/decisions/003-isr-without-build-time-data.md).',
    )
  }
  const { DATABASE_URL, DATABASE_POOL_MAX, DATA_DIR } = settings()
  if (!DATABASE_URL) return createEmbeddedPool(DATA_DIR, DATABASE_POOL_MAX)
  return new pg.Pool({
    ...postgresPoolConfig(DATABASE_URL, settings().DATABASE_SSL, DATABASE_POOL_MAX),
    // A server that drops packets (a host gone, a failover in progress) would otherwise keep a
    // request waiting for the operating system's timeout, minutes. Waiting for a free connection
    // under load counts too: past this, the request is answered 503 rather than queued forever.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  })
}

/** How long a request waits for a PostgreSQL connection before it is answered 503. */
export const CONNECT_TIMEOUT_MS = 5_000

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', ''])

/** The pool's settings for a PostgreSQL URL, TLS included (see DATABASE_SSL in lib/env.ts). */
export function postgresPoolConfig(
  url: string,
  ssl: 'auto' | 'disable' | 'no-verify' | 'verify',
  max: number,
): pg.PoolConfig {
  const parsed = new URL(url)
  const mode =
    ssl !== 'auto'
      ? ssl
      : LOCAL_HOSTS.has(parsed.hostname) || parsed.searchParams.has('sslmode')
        ? 'from-url'
        : 'verify'
  if (mode === 'from-url') return { connectionString: url, max }
  // An explicit mode wins over the URL's sslmode, which node-postgres would otherwise apply.
  parsed.searchParams.delete('sslmode')
  const connectionString = parsed.toString()
  if (mode === 'disable') return { connectionString, max, ssl: false }
  return {
    connectionString,
    max,
    ssl: mode === 'verify' ? { rejectUnauthorized: true } : { rejectUnauthorized: false },
  }
}

export function usesEmbeddedDatabase(): boolean {
  return !settings().DATABASE_URL
}

/** Closes the pool (CLI scripts and tests, so the process can exit). */
export async function closeDatabasePool(): Promise<void> {
  const pool = globalForPool.__lookbookPool
  globalForPool.__lookbookPool = undefined
  await pool?.end()
}
