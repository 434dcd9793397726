// npm run db:migrate — applies prisma/migrations to DATABASE_URL, or to the embedded database.
import { databasePool, usesEmbeddedDatabase } from '@/lib/db/pool'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { sqlRunnerForPg } from '@/lib/db/sql-runner'
import { settings, withoutServerSettings } from '@/lib/env'
import { runCli } from './run'

// Not the server: runs in production without HASH_SALT, SERVER_ACTIONS_SECRET or SITE_URL.
withoutServerSettings()

void runCli('db:migrate', async () => {
  const target = usesEmbeddedDatabase() ? `the embedded database in ${settings().DATA_DIR}/` : 'DATABASE_URL'
  const client = await databasePool().connect()
  try {
    const report = await applyMigrations(sqlRunnerForPg(client), await readMigrations())
    for (const name of report.applied) console.log(`applied ${name}`)
    console.log(
      report.applied.length === 0
        ? `${target} is up to date (${report.alreadyApplied.length} migrations).`
        : `${target}: applied ${report.applied.length}, ${report.alreadyApplied.length} already there.`,
    )
  } finally {
    client.release()
  }
})
