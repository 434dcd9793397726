// npm run db:reset -- [--seed] [--force --confirm <database name>]
// Empties the database (everything in its public schema: tables, types, the migration bookkeeping)
// and applies every migration again; with --seed, writes the demo campaign too. Works on
// DATABASE_URL or the embedded database (as a client of a running server, or on its own). With
// NODE_ENV=production it refuses, unless given --force and the database's name a second time
// (typed at the prompt, or as --confirm on a one-off dyno without one).
import { databasePool, usesEmbeddedDatabase } from '@/lib/db/pool'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { sqlRunnerForPg } from '@/lib/db/sql-runner'
import { settings, withoutServerSettings } from '@/lib/env'
import { databaseName, refuseInProductionUnlessConfirmed } from './production-guard'
import { parseCommandLine, runCli, UsageError } from './run'

const USAGE = `npm run db:reset -- [--seed] [--force --confirm <database name>]

Deletes everything in the database (DATABASE_URL, or the embedded one in DATA_DIR) and applies
every migration again. --seed then writes the demo campaign (not in production). With
NODE_ENV=production it refuses unless given --force and the database's name again: typed at the
prompt, or --confirm <name> where there is no prompt (heroku run).`

/** How many rows the main tables hold, for saying what was deleted (none when there are none yet). */
async function rowCounts(): Promise<string> {
  const tables = ['Idol', 'Outfit', 'Product', 'Comment', 'Like', 'Editor']
  const counts: string[] = []
  for (const table of tables) {
    const result = await databasePool()
      .query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)
      .catch(() => null)
    if (result) counts.push(`${result.rows[0]!.n} ${table.toLowerCase()}s`)
  }
  return counts.length ? counts.join(', ') : 'no tables yet'
}

// Not the server: runs in production without HASH_SALT, SERVER_ACTIONS_SECRET or SITE_URL.
withoutServerSettings()

void runCli('db:reset', async () => {
  const args = parseCommandLine(
    {
      options: {
        seed: { type: 'boolean' },
        force: { type: 'boolean' },
        confirm: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
  ).values
  if (args.help) return void console.log(USAGE)
  if (args.seed && settings().NODE_ENV === 'production')
    throw new UsageError('--seed writes demo data: not in production.')
  await refuseInProductionUnlessConfirmed('delete', Boolean(args.force), args.confirm)

  const where = usesEmbeddedDatabase() ? `the embedded database in ${settings().DATA_DIR}/` : `"${databaseName()}"`
  const before = await rowCounts()
  const client = await databasePool().connect()
  try {
    // One transaction: a failure halfway leaves the database as it was.
    await client.query('BEGIN')
    await client.query('DROP SCHEMA IF EXISTS public CASCADE')
    await client.query('CREATE SCHEMA public')
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
  try {
    const report = await applyMigrations(sqlRunnerForPg(client), await readMigrations())
    console.log(`${where}: deleted (${before}), applied ${report.applied.length} migrations.`)
  } finally {
    client.release()
  }
  if (args.seed) {
    // Loaded only here: Prisma's client is a large part of a process that does not seed.
    const [{ prisma }, { mediaStorage }, { seedDemoData }] = await Promise.all([
      import('@/lib/db/client'),
      import('@/lib/storage'),
      import('@/prisma/seed'),
    ])
    const seeded = await seedDemoData(prisma(), mediaStorage())
    console.log(
      `seeded the demo: ${Object.entries(seeded)
        .map(([what, n]) => `${n} ${what}`)
        .join(', ')}`,
    )
  }
})
