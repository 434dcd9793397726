// prisma/schema.prisma and prisma/migrations must describe the same database. Checked with
// Prisma's own schema engine (WebAssembly), offline, on a database migrated by our applier.
import { describe, expect, it } from 'vitest'
import { PGlite } from '@electric-sql/pglite'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { sqlRunnerForPglite } from '@/lib/db/sql-runner'
import { driftBetweenDatabaseAndSchema, sqlForNextMigration } from '@/lib/db/schema-diff'

describe('schema and migrations', () => {
  it('a database migrated from prisma/migrations matches prisma/schema.prisma exactly', async () => {
    const db = await PGlite.create()
    try {
      await applyMigrations(sqlRunnerForPglite(db), await readMigrations())
      expect(await driftBetweenDatabaseAndSchema(db)).toBe('')
      // The check can fail: a column the schema does not know is reported.
      await db.exec('ALTER TABLE "Idol" ADD COLUMN "unplanned" integer')
      expect(await driftBetweenDatabaseAndSchema(db)).toMatch(/DROP COLUMN "unplanned"/)
    } finally {
      await db.close()
    }
  })

  it('needs no new migration', async () => {
    const sql = await sqlForNextMigration()
    expect(sql.includes('This is an empty migration') || sql.trim() === '').toBe(true)
  })
})
