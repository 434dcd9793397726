// The migration applier: Prisma-compatible bookkeeping, idempotent, all-or-nothing per migration,
// and refusing to touch a database whose history does not match the files.
import { afterEach, describe, expect, it } from 'vitest'
import { createHash, randomUUID } from 'node:crypto'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { applyMigrations, MigrationError } from '@/lib/db/migrate'
import { readMigrations, type MigrationFile } from '@/lib/db/migrations'
import { sqlRunnerForPg, sqlRunnerForPglite, type SqlRunner } from '@/lib/db/sql-runner'
import { testDatabaseUrl, withDatabase } from '../support/test-env'

type Target = { runner: SqlRunner; close: () => Promise<void> }
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

/** An empty database: in-memory PGlite, or a scratch PostgreSQL database when TEST_DATABASE_URL is set. */
async function emptyDatabase(): Promise<Target & { connect?: () => Promise<Target> }> {
  const adminUrl = testDatabaseUrl()
  if (!adminUrl) {
    const db = await PGlite.create()
    cleanups.push(() => db.close())
    return { runner: sqlRunnerForPglite(db), close: () => db.close() }
  }
  const name = `lookbook_migrate_${randomUUID().slice(0, 8)}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const connect = async (): Promise<Target> => {
    const client = new pg.Client({ connectionString: withDatabase(adminUrl, name) })
    await client.connect()
    return { runner: sqlRunnerForPg(client), close: () => client.end() }
  }
  const first = await connect()
  cleanups.push(async () => {
    await first.close().catch(() => undefined)
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  })
  return { ...first, connect }
}

const extra = (name: string, sql: string): MigrationFile => ({
  name,
  sql,
  checksum: createHash('sha256').update(sql).digest('hex'),
})

describe('applyMigrations', () => {
  it('applies every migration once and records it as Prisma does', async () => {
    const { runner } = await emptyDatabase()
    const migrations = await readMigrations()
    expect(migrations.length).toBeGreaterThan(0)

    const first = await applyMigrations(runner, migrations)
    expect(first.applied).toEqual(migrations.map((m) => m.name))

    const rows = await runner.query<{
      id: string
      checksum: string
      migration_name: string
      finished_at: Date | null
      applied_steps_count: number
      logs: string | null
      rolled_back_at: Date | null
    }>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name')
    expect(rows.map((row) => row.migration_name)).toEqual(migrations.map((m) => m.name))
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i]!.checksum)
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(row.finished_at).not.toBeNull()
      expect(row.applied_steps_count).toBe(1)
      expect(row.logs).toBeNull()
      expect(row.rolled_back_at).toBeNull()
    }
    // The schema is really there.
    const tables = await runner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('Idol', 'Outfit', 'Product', 'Like', 'Comment')",
    )
    expect(tables[0]?.n).toBe(5)

    const second = await applyMigrations(runner, migrations)
    expect(second.applied).toEqual([])
    expect(second.alreadyApplied).toEqual(migrations.map((m) => m.name))
  })

  it('uses the SHA-256 of migration.sql as the checksum, like Prisma', async () => {
    const [first] = await readMigrations()
    expect(first!.checksum).toBe(createHash('sha256').update(first!.sql).digest('hex'))
  })

  it('rolls back a failing migration completely and records nothing', async () => {
    const { runner } = await emptyDatabase()
    const migrations = await readMigrations()
    const broken = extra('29990101000000_broken', 'CREATE TABLE "Half" (id int);\nSELECT * FROM "NoSuchTable";')
    await expect(applyMigrations(runner, [...migrations, broken])).rejects.toThrow(
      /29990101000000_broken failed and was rolled back[\s\S]*NoSuchTable/,
    )
    const half = await runner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'Half'",
    )
    expect(half[0]?.n).toBe(0)
    const recorded = await runner.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"')
    expect(recorded.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name)) // the good ones stay
  })

  it('refuses to run when an applied migration was edited, and applies nothing new', async () => {
    const { runner } = await emptyDatabase()
    const migrations = await readMigrations()
    await applyMigrations(runner, migrations)
    const edited = migrations.map((m, i) => (i === 0 ? extra(m.name, `${m.sql}\n-- an edit\n`) : m))
    const pending = extra('29990101000000_pending', 'CREATE TABLE "Pending" (id int);')
    const error = await applyMigrations(runner, [...edited, pending]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MigrationError)
    expect((error as Error).message).toMatch(/was changed after it was applied/)
    const created = await runner.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'Pending'",
    )
    expect(created[0]?.n).toBe(0)
  })

  it('accepts a migration whose only change is CRLF line endings', async () => {
    const { runner } = await emptyDatabase()
    const migrations = await readMigrations()
    await applyMigrations(runner, migrations)
    const crlf = migrations.map((m) => extra(m.name, m.sql.replace(/\n/g, '\r\n')))
    await expect(applyMigrations(runner, crlf)).resolves.toMatchObject({ applied: [] })
  })

  it('refuses a database with a migration left unfinished by Prisma', async () => {
    const { runner } = await emptyDatabase()
    const migrations = await readMigrations()
    await applyMigrations(runner, migrations)
    await runner.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, 'x', '29990101000000_failed', now(), 0)`,
      [randomUUID()],
    )
    await expect(applyMigrations(runner, migrations)).rejects.toThrow(/started but never finished/)
  })

  it('refuses a database that is newer than the code', async () => {
    const { runner } = await emptyDatabase()
    const migrations = await readMigrations()
    await applyMigrations(runner, [...migrations, extra('29990101000000_future', 'SELECT 1;')])
    await expect(applyMigrations(runner, migrations)).rejects.toThrow(/this code is older than the database/)
  })

  it.runIf(Boolean(testDatabaseUrl()))('lets two appliers race on PostgreSQL: each migration runs once', async () => {
    const target = await emptyDatabase()
    const second = await target.connect!()
    cleanups.push(() => second.close())
    const migrations = await readMigrations()
    const [a, b] = await Promise.all([
      applyMigrations(target.runner, migrations),
      applyMigrations(second.runner, migrations),
    ])
    expect([...a.applied, ...b.applied].sort()).toEqual(migrations.map((m) => m.name).sort())
    const rows = await target.runner.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations"')
    expect(rows[0]?.n).toBe(migrations.length)
  })
})
