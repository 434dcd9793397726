// A fresh database for one test file: a copy of the migrated template, on PostgreSQL when
// TEST_DATABASE_URL is set, otherwise the embedded PGlite (through the same owner-and-socket
// path the app uses). Call useFreshDatabase() at the top of a test file.
import { cp, mkdir, rm } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, inject } from 'vitest'
import { resetSettingsForTests } from '@/lib/env'
import { closeDatabasePool, databasePool } from '@/lib/db/pool'
import { readMigrations } from '@/lib/db/migrations'
import { disconnectPrisma } from '@/lib/db/client'
import { releaseEmbeddedDatabase } from '@/lib/db/embedded/owner'
import { adminQuery, testDatabaseUrl, withDatabase } from './test-env'

export type FreshDatabase = {
  /** DATA_DIR of this test file (embedded database, local media). */
  dataDir: string
  /** The DATABASE_URL of this test file, or undefined on the embedded database. */
  databaseUrl: string | undefined
  /** Environment for a child process that must use the same database. */
  env: () => Record<string, string>
  /**
   * Closes this process's connections and, on the embedded database, gives up owning it: another
   * process (a server under test) may then own it. The next query here connects again.
   */
  release: () => Promise<void>
}

export function useFreshDatabase(): FreshDatabase {
  const id = randomUUID().slice(0, 8)
  const dataDir = path.join(inject('runDir'), `db-${id}`)
  const adminUrl = testDatabaseUrl()
  const database = `lookbook_test_${id}`
  const state: FreshDatabase = {
    dataDir,
    databaseUrl: adminUrl ? withDatabase(adminUrl, database) : undefined,
    env: () => ({ DATA_DIR: dataDir, ...(state.databaseUrl ? { DATABASE_URL: state.databaseUrl } : {}) }),
    release: async () => {
      await disconnectPrisma()
      await closeDatabasePool()
      await releaseEmbeddedDatabase(dataDir)
    },
  }

  beforeAll(async () => {
    await mkdir(dataDir, { recursive: true })
    if (adminUrl) {
      await adminQuery(adminUrl, `CREATE DATABASE ${database} TEMPLATE ${inject('databaseTemplate')}`)
      process.env.DATABASE_URL = state.databaseUrl
    } else {
      await cp(path.join(inject('databaseTemplate'), 'pglite'), path.join(dataDir, 'pglite'), { recursive: true })
      delete process.env.DATABASE_URL
    }
    process.env.DATA_DIR = dataDir
    resetSettingsForTests()
  })

  afterAll(async () => {
    await state.release()
    if (adminUrl) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await rm(dataDir, { recursive: true, force: true })
  })

  return state
}

/**
 * Runs `work` while the last migration's bookkeeping row is missing (as on a database nobody has
 * migrated since the last deploy), then puts the row back as it was. Gives `work` its name.
 */
export async function withLastMigrationMissing(work: (name: string) => Promise<void>): Promise<void> {
  const name = (await readMigrations()).at(-1)!.name
  const pool = databasePool()
  const { rows } = await pool.query<Record<string, unknown>>(
    'SELECT * FROM _prisma_migrations WHERE migration_name = $1',
    [name],
  )
  await pool.query('DELETE FROM _prisma_migrations WHERE migration_name = $1', [name])
  try {
    await work(name)
  } finally {
    const columns = Object.keys(rows[0]!)
    await pool.query(
      `INSERT INTO _prisma_migrations (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      Object.values(rows[0]!),
    )
  }
}
