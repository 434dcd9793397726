// Backups of the embedded database: PGlite's own gzipped tarball of its data directory, made by
// the process that owns it (lib/db/embedded/owner.ts), and put back by loading it into a new
// directory that takes the old one's place only once it has opened and matched the manifest.
import { access, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { dumpEmbeddedDatabase, EMBEDDED_START_PARAMS, withEmbeddedDatabaseClosed } from '../embedded/owner'
import { applyMigrations } from '../migrate'
import { readMigrations } from '../migrations'
import { sqlRunnerForPglite } from '../sql-runner'
import { BackupError, countRows, DatabaseNotEmpty, differences, summariseDatabase, type TableSummary } from './manifest'

type Summary = Awaited<ReturnType<typeof summariseDatabase>>

async function summariseIn(db: PGlite): Promise<Summary> {
  const sql = sqlRunnerForPglite(db)
  await sql.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    return await summariseDatabase(sql)
  } finally {
    await sql.exec('COMMIT')
  }
}

async function openTarball(tarball: Uint8Array, directory: string): Promise<PGlite> {
  await rm(directory, { recursive: true, force: true })
  const db = new PGlite(directory, {
    startParams: EMBEDDED_START_PARAMS,
    loadDataDir: new Blob([tarball as Uint8Array<ArrayBuffer>]),
  })
  await db.waitReady
  return db
}

/**
 * A copy of the embedded database, and its summary read from the copy itself, opened in a scratch
 * directory under workDir: a backup that would not open is found now, not on the day it is needed.
 */
export async function dumpEmbedded(
  dataDir: string,
  workDir: string,
): Promise<{ tarball: Uint8Array; summary: Summary }> {
  const tarball = await dumpEmbeddedDatabase(dataDir).catch((error: Error) => {
    throw new BackupError(error.message)
  })
  const copy = await openTarball(tarball, path.join(workDir, 'opened-copy')).catch((error: Error) => {
    throw new BackupError(`the copy does not open: ${error.message}`)
  })
  try {
    return { tarball, summary: await summariseIn(copy) }
  } finally {
    await copy.close()
  }
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  )

/**
 * Puts the backup in place of the embedded database in dataDir, which no process may have open
 * meanwhile. Throws DatabaseNotEmpty, changing nothing, when it holds rows and `force` is not set.
 * The directory it replaced stays beside it as pglite.before-restore until the next restore.
 */
export async function restoreEmbedded(
  dataDir: string,
  tarball: Uint8Array,
  saved: Record<string, TableSummary>,
  options: { force: boolean },
): Promise<{ appliedMigrations: string[]; keptPrevious: string | null }> {
  const live = path.join(dataDir, 'pglite')
  const incoming = path.join(dataDir, 'pglite.restoring')
  const previous = path.join(dataDir, 'pglite.before-restore')
  return withEmbeddedDatabaseClosed(dataDir, async () => {
    const hasDatabase = await exists(path.join(live, 'PG_VERSION'))
    if (hasDatabase && !options.force) {
      const current = new PGlite(live, { startParams: EMBEDDED_START_PARAMS })
      try {
        const rows = await countRows(sqlRunnerForPglite(current), await readMigrations())
        if (rows > 0) throw new DatabaseNotEmpty(rows)
      } finally {
        await current.close()
      }
    }
    let appliedMigrations: string[]
    const restored = await openTarball(tarball, incoming).catch(async (error: Error) => {
      await rm(incoming, { recursive: true, force: true })
      throw new BackupError(`the backup's database does not open: ${error.message}`)
    })
    try {
      const mismatches = differences(saved, (await summariseIn(restored)).tables)
      if (mismatches.length)
        throw new BackupError(`the restored copy does not match the backup's manifest:\n  ${mismatches.join('\n  ')}`)
      // A backup from before the latest deploy gets the migrations it lacks, as on a start.
      appliedMigrations = (await applyMigrations(sqlRunnerForPglite(restored), await readMigrations())).applied
    } catch (error) {
      await restored.close().catch(() => undefined)
      await rm(incoming, { recursive: true, force: true })
      throw error
    }
    await restored.close()
    await rm(previous, { recursive: true, force: true })
    if (hasDatabase) await rename(live, previous)
    else await rm(live, { recursive: true, force: true })
    await rename(incoming, live)
    return { appliedMigrations, keptPrevious: hasDatabase ? previous : null }
  })
}
