// npm run db:restore -- <file> [--force [--confirm <database name>]]
// Puts a backup made by db:backup back: on PostgreSQL through pg_restore and psql in one
// transaction, on the embedded database by loading its tarball into a new directory. Either way
// every table is checked against the manifest before the restore counts, migrations the backup
// predates are applied, and the media objects the manifest lists are looked up in storage.
import { mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import { extractArchiveEntry, readArchiveEntry, readArchiveIndex, type ArchiveEntry } from '@/lib/db/backup/archive'
import { restoreEmbedded } from '@/lib/db/backup/embedded'
import { BackupError, countRows, DatabaseNotEmpty, MANIFEST_ENTRY, parseManifest } from '@/lib/db/backup/manifest'
import { restorePostgres } from '@/lib/db/backup/postgres'
import { EmbeddedDatabaseInUse } from '@/lib/db/embedded/owner'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { databasePool } from '@/lib/db/pool'
import { sqlRunnerForPg } from '@/lib/db/sql-runner'
import { settings, withoutServerSettings } from '@/lib/env'
import { mediaStorage } from '@/lib/storage'
import { formatBytes, summaryLine } from './backup-report'
import { databaseName, refuseInProductionUnlessConfirmed } from './production-guard'
import { parseCommandLine, runCli, UsageError } from './run'

const USAGE = `npm run db:restore -- <file> [--force [--confirm <database name>]]

Replaces the database (DATABASE_URL, or the embedded one in DATA_DIR) with a backup made by
npm run db:backup. It refuses a database that holds any rows unless given --force; in production
--force also wants the database's name again (typed, or --confirm <name>). Every table is checked
against the backup's manifest before the restore counts: on a mismatch nothing changes. On
PostgreSQL it needs pg_restore and psql (Debian: apt-get install postgresql-client); the embedded
database must not be open in another process (stop the server first).`

/** Looks up every media object the backup lists; returns the keys storage does not have. */
async function missingMedia(keys: string[]): Promise<string[]> {
  const storage = mediaStorage()
  const missing: string[] = []
  let next = 0
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!
      if (!(await storage.exists(key))) missing.push(key)
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return missing.sort()
}

function entryNamed(entries: ArchiveEntry[], name: string, file: string): ArchiveEntry {
  const entry = entries.find((candidate) => candidate.name === name)
  if (!entry) throw new BackupError(`${file} has no ${name}: not a backup made by npm run db:backup`)
  return entry
}

// Not the server: runs in production without HASH_SALT, SERVER_ACTIONS_SECRET or SITE_URL.
withoutServerSettings()

void runCli('db:restore', async () => {
  const { values, positionals } = parseCommandLine(
    {
      options: {
        force: { type: 'boolean' },
        confirm: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    },
    USAGE,
  )
  if (values.help) return void console.log(USAGE)
  if (positionals.length !== 1) throw new UsageError(`give the backup file to restore\n\n${USAGE}`)
  const file = path.resolve(positionals[0]!)
  const force = Boolean(values.force)
  if (force) await refuseInProductionUnlessConfirmed('replace', force, values.confirm)

  const started = Date.now()
  const { DATABASE_URL, DATABASE_SSL, DATA_DIR } = settings()
  const target = DATABASE_URL ? `"${databaseName()}"` : `the embedded database in ${DATA_DIR}/`
  const workDir = await mkdtemp(path.join(path.dirname(file), '.lookbook-restore-'))
  try {
    const entries = await readArchiveIndex(file).catch((error: NodeJS.ErrnoException) => {
      throw new BackupError(error.code === 'ENOENT' ? `${file} does not exist` : error.message)
    })
    const manifest = parseManifest(
      (await readArchiveEntry(file, entryNamed(entries, MANIFEST_ENTRY, file))).toString('utf8'),
      file,
    )
    const dump = entryNamed(entries, manifest.dump.entry, file)
    // Checked before anything changes: a database newer than this code could not be run by it.
    const known = new Set((await readMigrations()).map((migration) => migration.name))
    const unknown = manifest.migrations.filter((name) => !known.has(name))
    if (unknown.length > 0)
      throw new BackupError(
        `${file} was saved by a newer version of Lookbook (migrations this code does not have: ${unknown.join(', ')}). Deploy that version, then restore.`,
      )
    const kind = DATABASE_URL ? 'postgresql' : 'embedded'
    if (manifest.database.kind !== kind)
      throw new BackupError(
        manifest.database.kind === 'embedded'
          ? `${file} holds the embedded database: restore it with DATABASE_URL unset (DATA_DIR picks the folder).`
          : `${file} holds a PostgreSQL database: restore it with DATABASE_URL set to the database to replace.`,
      )

    let appliedMigrations: string[]
    let keptPrevious: string | null = null
    if (DATABASE_URL) {
      if (!force) {
        const client = await databasePool().connect()
        const rows = await countRows(sqlRunnerForPg(client), await readMigrations()).finally(() => client.release())
        if (rows > 0) throw new DatabaseNotEmpty(rows)
      }
      const dumpFile = path.join(workDir, dump.name)
      await extractArchiveEntry(file, dump, dumpFile)
      await restorePostgres({ url: DATABASE_URL, ssl: DATABASE_SSL }, dumpFile, manifest.tables, workDir)
      const client = await databasePool().connect()
      try {
        appliedMigrations = (await applyMigrations(sqlRunnerForPg(client), await readMigrations())).applied
      } finally {
        client.release()
      }
    } else {
      const tarball = await readArchiveEntry(file, dump)
      ;({ appliedMigrations, keptPrevious } = await restoreEmbedded(DATA_DIR, tarball, manifest.tables, { force }))
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(
      `restored ${file} (${formatBytes(dump.size)} dump, saved ${manifest.createdAt}) into ${target} in ${seconds} s`,
    )
    console.log(`  ${summaryLine(manifest)}; every table matches the manifest`)
    if (appliedMigrations.length)
      console.log(
        `  applied ${appliedMigrations.length} migrations newer than the backup: ${appliedMigrations.join(', ')}`,
      )
    if (keptPrevious) console.log(`  the database it replaced is kept in ${keptPrevious} until the next restore`)
    const missing = await missingMedia(manifest.media.map((media) => media.key)).catch((error: Error) => {
      console.warn(`  media: could not look them up in storage (${error.message}); the database is restored`)
      return null
    })
    if (missing === null) return
    if (missing.length === 0)
      console.log(`  media: all ${manifest.media.length} objects the backup lists are in storage`)
    else
      console.warn(
        `  media: ${missing.length} of ${manifest.media.length} objects the backup lists are missing from storage (${mediaStorage().driver}), e.g. ${missing.slice(0, 3).join(', ')}` +
          (mediaStorage().driver === 'local'
            ? `\n  with local storage, media live in the data folder: copy the old DATA_DIR's storage/ folder into ${DATA_DIR}/storage/`
            : ''),
      )
  } catch (error) {
    if (error instanceof DatabaseNotEmpty)
      throw new UsageError(
        `${target} is not empty (${error.rows.toLocaleString('en')} rows): nothing was changed. To replace everything in it with the backup, add --force.`,
      )
    if (error instanceof EmbeddedDatabaseInUse) throw new UsageError(`${error.message} Nothing was changed.`)
    if (error instanceof BackupError) throw new UsageError(`${error.message}\nNothing was changed.`)
    throw error
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
})
