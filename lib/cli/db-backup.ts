// npm run db:backup -- [file]
// Saves the database to one tar file: manifest.json (every table's row count and checksum, the
// migrations, the media objects the rows refer to) and the dump (pg_dump's custom format, or the
// embedded database's own tarball). Written in a scratch folder, flushed to disk, then linked under
// its name only if nothing has that name yet: a file with the final name is always a whole backup,
// and never replaces another. See lib/db/backup/.
import { link, mkdtemp, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { writeArchive, type ArchiveInput } from '@/lib/db/backup/archive'
import { dumpEmbedded } from '@/lib/db/backup/embedded'
import { BACKUP_FORMAT, BackupError, MANIFEST_ENTRY, type BackupManifest } from '@/lib/db/backup/manifest'
import { dumpPostgres } from '@/lib/db/backup/postgres'
import { settings, withoutServerSettings } from '@/lib/env'
import { formatBytes, summaryLine } from './backup-report'
import { databaseName } from './production-guard'
import { parseCommandLine, runCli, UsageError } from './run'

const USAGE = `npm run db:backup -- [file]

Saves the database (DATABASE_URL, or the embedded one in DATA_DIR) to one file, by default
./lookbook-backup-<date and time>.tar: a manifest (tables with row counts and checksums, migrations,
the media objects the rows refer to) and the dump. PostgreSQL is dumped with pg_dump (Debian:
apt-get install postgresql-client); on Heroku, heroku pg:backups does the same. Media files are not
in the backup: they stay in the bucket (with local storage: copy DATA_DIR/storage as well).
Put it back with: npm run db:restore -- <file>`

function defaultFileName(): string {
  return `lookbook-backup-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.tar`
}

// Not the server: runs in production without HASH_SALT, SERVER_ACTIONS_SECRET or SITE_URL.
withoutServerSettings()

void runCli('db:backup', async () => {
  const { values, positionals } = parseCommandLine(
    { options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true },
    USAGE,
  )
  if (values.help) return void console.log(USAGE)
  if (positionals.length > 1) throw new UsageError(`one file at most\n\n${USAGE}`)
  const target = path.resolve(positionals[0] ?? defaultFileName())
  if (await stat(target).catch(() => null)) throw new UsageError(`${target} already exists: give another file name.`)

  const started = Date.now()
  const { DATABASE_URL, DATABASE_SSL, DATA_DIR } = settings()
  // Beside the target: the dump is as large as the backup, and /tmp may be small.
  const workDir = await mkdtemp(path.join(path.dirname(target), '.lookbook-backup-'))
  try {
    let dump: ArchiveInput
    let summary: Awaited<ReturnType<typeof dumpPostgres>>
    if (DATABASE_URL) {
      const file = path.join(workDir, 'database.pgdump')
      summary = await dumpPostgres({ url: DATABASE_URL, ssl: DATABASE_SSL }, file)
      dump = { name: 'database.pgdump', file }
    } else {
      const embedded = await dumpEmbedded(DATA_DIR, workDir)
      summary = embedded.summary
      dump = { name: 'database.pglite.tar.gz', bytes: embedded.tarball }
    }
    const dumpBytes = 'bytes' in dump ? dump.bytes.byteLength : (await stat(dump.file)).size
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      database: {
        kind: DATABASE_URL ? 'postgresql' : 'embedded',
        serverVersion: summary.serverVersion,
        name: databaseName(),
      },
      dump: { entry: dump.name, bytes: dumpBytes },
      migrations: summary.migrations,
      tables: summary.tables,
      media: summary.media,
    }
    const written = path.join(workDir, 'backup.tar')
    await writeArchive(written, [{ name: MANIFEST_ENTRY, bytes: Buffer.from(JSON.stringify(manifest, null, 2)) }, dump])
    await link(written, target).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EEXIST'
        ? new UsageError(`${target} appeared meanwhile: nothing was replaced; give another file name.`)
        : error
    })
    const { size } = await stat(target)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    console.log(`saved ${target}: ${formatBytes(size)} in ${seconds} s`)
    console.log(`  ${summaryLine(manifest)}`)
  } catch (error) {
    if (error instanceof BackupError) throw new UsageError(error.message)
    throw error
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
})
