// Applies prisma/migrations the way `prisma migrate deploy` does, recording each one in
// Prisma's own `_prisma_migrations` table, so a database migrated here is one Prisma accepts
// later, and the other way round. Needed because Prisma's native schema engine cannot be
// downloaded on our machines and cannot reach an in-process PGlite anyway.
//
// Stricter than Prisma in one way: each migration runs in a transaction together with its
// bookkeeping row, so a failing migration leaves nothing behind (Prisma would leave a failed
// row and half a migration on a database without transactional DDL).
import type { SqlRunner } from './sql-runner'
import { migrationChecksum, type MigrationFile } from './migrations'
import { randomUUID } from 'node:crypto'

// Prisma's own definition of the table (schema-engine, PostgreSQL flavour).
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`

// Any number will do as long as every applier uses the same one; this is Prisma's.
const MIGRATION_LOCK_KEY = 72707369

export class MigrationError extends Error {
  override name = 'MigrationError'
}

type AppliedRow = {
  migration_name: string
  checksum: string
  finished_at: Date | null
  rolled_back_at: Date | null
}

export type MigrationReport = { applied: string[]; alreadyApplied: string[] }

/** Throws MigrationError, with a message saying what to do, on a database it must not touch. */
export async function applyMigrations(runner: SqlRunner, migrations: MigrationFile[]): Promise<MigrationReport> {
  // Under the lock: two concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL.
  await runner.exec('BEGIN')
  try {
    await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
    await runner.exec(CREATE_MIGRATIONS_TABLE)
    await runner.exec('COMMIT')
  } catch (error) {
    await runner.exec('ROLLBACK').catch(() => undefined)
    throw error
  }
  const report: MigrationReport = { applied: [], alreadyApplied: [] }
  checkHistory(await readApplied(runner), migrations)

  for (const migration of migrations) {
    // Lock, then look again inside the transaction: another process (a second dyno's release
    // phase, a second terminal) may have applied it since we looked.
    await runner.exec('BEGIN')
    try {
      await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
      const done = await runner.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL',
        [migration.name],
      )
      if ((done[0]?.n ?? 0) > 0) {
        await runner.exec('COMMIT')
        report.alreadyApplied.push(migration.name)
        continue
      }
      await runner.exec(migration.sql)
      await runner.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      )
      await runner.exec('COMMIT')
      report.applied.push(migration.name)
    } catch (error) {
      await runner.exec('ROLLBACK').catch(() => undefined)
      if (error instanceof MigrationError) throw error
      throw new MigrationError(
        `Migration ${migration.name} failed and was rolled back; nothing of it was applied.\n` +
          `  ${(error as Error).message}\n` +
          `Fix prisma/migrations/${migration.name}/migration.sql (it has not been recorded) and run npm run db:migrate again.`,
      )
    }
  }
  return report
}

async function readApplied(runner: SqlRunner): Promise<AppliedRow[]> {
  return runner.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  )
}

function checkHistory(applied: AppliedRow[], migrations: MigrationFile[]): void {
  const local = new Map(migrations.map((migration) => [migration.name, migration]))
  for (const row of applied) {
    if (row.rolled_back_at) continue
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${row.migration_name} was started but never finished on this database (a failed \`prisma migrate deploy\`?).\n` +
          `Repair the database by hand, then mark it with \`prisma migrate resolve\`; nothing was applied.`,
      )
    }
    const file = local.get(row.migration_name)
    if (!file) {
      throw new MigrationError(
        `The database has migration ${row.migration_name}, which prisma/migrations does not: ` +
          `this code is older than the database. Deploy the newer code; nothing was applied.`,
      )
    }
    if (!checksumsMatch(file, row.checksum)) {
      throw new MigrationError(
        `prisma/migrations/${row.migration_name}/migration.sql was changed after it was applied ` +
          `(checksum ${row.checksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… on disk). ` +
          `Never edit an applied migration: restore the file and put the change in a new migration; nothing was applied.`,
      )
    }
  }
}

// Prisma accepts a file whose only difference is CRLF line endings (a Windows checkout).
function checksumsMatch(file: MigrationFile, recorded: string): boolean {
  if (file.checksum === recorded) return true
  const lf = file.sql.replace(/\r\n/g, '\n')
  const crlf = lf.replace(/\n/g, '\r\n')
  return [lf, crlf].some((variant) => migrationChecksum(variant) === recorded)
}
