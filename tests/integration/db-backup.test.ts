// npm run db:backup and db:restore as an operator runs them, on this file's database (PostgreSQL,
// or the embedded one, which this process owns: the backup is then made by asking it). The demo
// campaign is saved, restored into a second database, and compared table by table, row by row.
import { cp, mkdir, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { databasePool } from '@/lib/db/pool'
import { readArchiveEntry, readArchiveIndex, writeArchive } from '@/lib/db/backup/archive'
import type { BackupManifest } from '@/lib/db/backup/manifest'
import { sqlRunnerForPg, sqlRunnerForPglite, type SqlRunner } from '@/lib/db/sql-runner'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { useFreshDatabase } from '../support/database'
import { runCommand } from '../support/cli'
import { adminQuery, testDatabaseUrl, withDatabase } from '../support/test-env'

const source = useFreshDatabase()
const adminUrl = testDatabaseUrl()
const id = randomUUID().slice(0, 8)
const work = path.join(inject('runDir'), `backups-${id}`)
// The database restored into: a second PostgreSQL database, or a second embedded data folder.
const targetName = `lookbook_restore_${id}`
const targetUrl = adminUrl ? withDatabase(adminUrl, targetName) : undefined
const targetDir = path.join(work, 'restored-data')
// Media stay in storage: on PostgreSQL the target shares the source's folder (as two databases
// share one bucket); the embedded target gets its own folder, with the storage copied into it.
const targetEnv = (): Record<string, string> =>
  targetUrl ? { DATABASE_URL: targetUrl, DATA_DIR: source.dataDir } : { DATA_DIR: targetDir }

const backup = (args: string[], env = source.env()) => runCommand('lib/cli/db-backup.ts', args, env)
const restore = (args: string[], env: Record<string, string> = targetEnv()) =>
  runCommand('lib/cli/db-restore.ts', args, env)

/** Runs `read` on the target database, opened only for it (nobody owns it between commands). */
async function onTarget<T>(read: (sql: SqlRunner) => Promise<T>): Promise<T> {
  if (targetUrl) {
    const client = new pg.Client({ connectionString: targetUrl })
    await client.connect()
    try {
      return await read(sqlRunnerForPg(client))
    } finally {
      await client.end()
    }
  }
  const db = new PGlite(path.join(targetDir, 'pglite'))
  try {
    return await read(sqlRunnerForPglite(db))
  } finally {
    await db.close()
  }
}

/** Every table's rows as JSON, sorted: two databases with the same content give the same object. */
async function contents(sql: SqlRunner): Promise<Record<string, unknown[]>> {
  const tables = await sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )
  const all: Record<string, unknown[]> = {}
  for (const { name } of tables) {
    const rows = await sql.query<{ rows: unknown[] | null }>(
      `SELECT json_agg(t ORDER BY t::text) AS rows FROM "${name}" t`,
    )
    all[name] = rows[0]!.rows ?? []
  }
  return all
}

async function manifestOf(file: string): Promise<BackupManifest> {
  const entries = await readArchiveIndex(file)
  return JSON.parse((await readArchiveEntry(file, entries[0]!)).toString('utf8')) as BackupManifest
}

/** The same backup with its manifest changed by `edit`: a backup that no longer matches its dump. */
async function withEditedManifest(file: string, target: string, edit: (manifest: BackupManifest) => void) {
  const entries = await readArchiveIndex(file)
  const manifest = await manifestOf(file)
  edit(manifest)
  await writeArchive(target, [
    { name: 'manifest.json', bytes: Buffer.from(JSON.stringify(manifest)) },
    { name: entries[1]!.name, bytes: await readArchiveEntry(file, entries[1]!) },
  ])
}

let sourceContents: Record<string, unknown[]>
const demoBackup = path.join(work, 'demo.tar')

beforeAll(async () => {
  await mkdir(work, { recursive: true })
  if (adminUrl) await adminQuery(adminUrl, `CREATE DATABASE ${targetName} TEMPLATE ${inject('databaseTemplate')}`)
  await seedDemoData(prisma(), mediaStorage())
  const client = await databasePool().connect()
  sourceContents = await contents(sqlRunnerForPg(client)).finally(() => client.release())
}, 180_000)

afterAll(async () => {
  if (adminUrl) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`)
  await rm(work, { recursive: true, force: true })
})

describe('npm run db:backup and db:restore', () => {
  it(
    'saves the demo campaign to one file with a manifest of every table and medium',
    { timeout: 120_000 },
    async () => {
      const saved = await backup([demoBackup])
      expect(saved.status, saved.out).toBe(0)
      expect(saved.out).toMatch(/saved .*demo\.tar: [\d.]+ (KB|MB) in [\d.]+ s/)

      const entries = await readArchiveIndex(demoBackup)
      expect(entries.map((entry) => entry.name)).toEqual([
        'manifest.json',
        adminUrl ? 'database.pgdump' : 'database.pglite.tar.gz',
      ])
      const manifest = await manifestOf(demoBackup)
      expect(manifest.database.kind).toBe(adminUrl ? 'postgresql' : 'embedded')
      expect(manifest.dump.bytes).toBe(entries[1]!.size)
      for (const [table, rows] of Object.entries(sourceContents))
        expect(manifest.tables[table]?.rows, table).toBe(rows.length)
      const media = await prisma().media.findMany({ select: { key: true }, orderBy: { key: 'asc' } })
      expect(media.length).toBeGreaterThan(100)
      expect(manifest.media.map((entry) => entry.key)).toEqual(media.map((entry) => entry.key))
      expect(saved.out).toContain(`${media.length} media objects listed`)

      // It holds editors' emails and password hashes: its owner's to read, nobody else's.
      expect((await stat(demoBackup)).mode & 0o777).toBe(0o600)
      const again = await backup([demoBackup])
      expect(again.status).toBe(1)
      expect(again.out).toContain('already exists: give another file name.')
    },
  )

  it('restores it into another database: the same rows in every table, media found', { timeout: 120_000 }, async () => {
    if (!adminUrl) await cp(path.join(source.dataDir, 'storage'), path.join(targetDir, 'storage'), { recursive: true })
    const restored = await restore([demoBackup])
    expect(restored.status, restored.out).toBe(0)
    expect(restored.out).toContain('every table matches the manifest')
    expect(restored.out).toMatch(/media: all \d+ objects the backup lists are in storage/)
    expect(await onTarget(contents)).toEqual(sourceContents)
  })

  it(
    'refuses a database that holds rows unless --force, which puts the backup back',
    { timeout: 120_000 },
    async () => {
      const deleteAComment = (sql: SqlRunner) =>
        sql.exec(`DELETE FROM "Comment" WHERE id = (SELECT id FROM "Comment" ORDER BY id LIMIT 1)`)
      const comments = (sql: SqlRunner) => sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Comment"`)
      await onTarget(deleteAComment)
      const before = (await onTarget(comments))[0]!.n

      const refused = await restore([demoBackup])
      expect(refused.status).toBe(1)
      expect(refused.out).toMatch(/is not empty \([\d,]+ rows\): nothing was changed\. .*add --force\./)
      expect((await onTarget(comments))[0]!.n).toBe(before)

      const forced = await restore([demoBackup, '--force'])
      expect(forced.status, forced.out).toBe(0)
      expect(await onTarget(contents)).toEqual(sourceContents)
      if (!adminUrl) expect(forced.out).toContain('the database it replaced is kept in')
    },
  )

  it('changes nothing when the dump does not match its manifest', { timeout: 120_000 }, async () => {
    const tampered = path.join(work, 'tampered.tar')
    await withEditedManifest(demoBackup, tampered, (manifest) => {
      manifest.tables.Comment!.rows += 1
    })
    await onTarget((sql) => sql.exec(`DELETE FROM "Like"`))
    const likesBefore = await onTarget((sql) => sql.query(`SELECT count(*)::int AS n FROM "Like"`))

    const failed = await restore([tampered, '--force'])
    expect(failed.status).toBe(1)
    expect(failed.out).toContain('Comment')
    expect(failed.out).toContain('Nothing was changed.')
    expect(await onTarget((sql) => sql.query(`SELECT count(*)::int AS n FROM "Like"`))).toEqual(likesBefore)
  })

  it('says which media the backup lists that storage no longer has', { timeout: 120_000 }, async () => {
    const manifest = await manifestOf(demoBackup)
    const gone = manifest.media[0]!.key
    const storageDir = adminUrl ? path.join(source.dataDir, 'storage') : path.join(targetDir, 'storage')
    const copy = await readFile(path.join(storageDir, gone))
    await unlink(path.join(storageDir, gone))
    try {
      const restored = await restore([demoBackup, '--force'])
      expect(restored.status, restored.out).toBe(0)
      expect(restored.out).toContain(`media: 1 of ${manifest.media.length} objects the backup lists are missing`)
      expect(restored.out).toContain(gone)
    } finally {
      await writeFile(path.join(storageDir, gone), copy)
    }
  })

  it('refuses a backup made by newer code, before changing anything', { timeout: 60_000 }, async () => {
    const newer = path.join(work, 'newer.tar')
    await withEditedManifest(demoBackup, newer, (manifest) => {
      manifest.migrations.push('29991231000000_from_the_future')
    })
    const before = await onTarget(contents)
    const refused = await restore([newer, '--force'])
    expect(refused.status).toBe(1)
    expect(refused.out).toContain('was saved by a newer version of Lookbook')
    expect(refused.out).toContain('29991231000000_from_the_future')
    expect(await onTarget(contents)).toEqual(before)
  })

  it.runIf(!adminUrl)(
    'refuses to restore an embedded database another process has open',
    { timeout: 60_000 },
    async () => {
      // This test process owns the source database, as a running server would.
      const refused = await restore([demoBackup, '--force'], source.env())
      expect(refused.status).toBe(1)
      expect(refused.out).toContain('has the embedded database in')
      expect(refused.out).toContain('open (a server, or another command): stop it first. Nothing was changed.')
      expect(await prisma().idol.count()).toBeGreaterThan(0)
    },
  )

  it('refuses a backup of the other kind of database, with what to set', { timeout: 60_000 }, async () => {
    const other = path.join(work, 'other-kind.tar')
    await withEditedManifest(demoBackup, other, (manifest) => {
      manifest.database.kind = adminUrl ? 'embedded' : 'postgresql'
    })
    const refused = await restore([other, '--force'])
    expect(refused.status).toBe(1)
    expect(refused.out).toContain(adminUrl ? 'restore it with DATABASE_URL unset' : 'restore it with DATABASE_URL set')
  })

  it('in production, --force also wants the database name again', { timeout: 60_000 }, async () => {
    const production = {
      ...targetEnv(),
      NODE_ENV: 'production',
      HASH_SALT: 'restore-test-salt-0123456789',
      SERVER_ACTIONS_SECRET: 'restore-test-server-actions-secret-0123456789',
      SITE_URL: 'https://x.example',
    }
    const refused = await restore([demoBackup, '--force'], production)
    expect(refused.status).toBe(1)
    expect(refused.out).toContain("no prompt here: give the database's name with --confirm")
  })

  it('explains itself, and says what is wrong with a call or a file', { timeout: 60_000 }, async () => {
    const help = await restore(['--help'])
    expect([help.status, help.out]).toEqual([0, expect.stringContaining('npm run db:restore -- <file> [--force')])
    const backupHelp = await backup(['--help'])
    expect(backupHelp.out).toContain('npm run db:backup -- [file]')
    expect((await restore([])).out).toContain('db:restore: give the backup file to restore')
    expect((await restore([path.join(work, 'nothing-here.tar')])).out).toContain('nothing-here.tar does not exist')
    const notABackup = path.join(work, 'not-a-backup.tar')
    await writeArchive(notABackup, [{ name: 'hello.txt', bytes: Buffer.from('hello') }])
    expect((await restore([notABackup])).out).toContain('has no manifest.json: not a backup made by npm run db:backup')
  })

  it.runIf(adminUrl)('names the package to install when pg_dump is missing', { timeout: 60_000 }, async () => {
    const missing = await backup([path.join(work, 'never.tar')], { ...source.env(), PATH: '/nonexistent' })
    expect(missing.status).toBe(1)
    expect(missing.out).toContain('pg_dump is not installed here')
    expect(missing.out).toContain('apt-get install postgresql-client')
    expect(missing.out).toContain('heroku pg:backups')
    // Nothing left behind: no file under the name, no scratch folder.
    const left = (await readdir(work)).filter((name) => name.startsWith('.lookbook-backup-') || name === 'never.tar')
    expect(left).toEqual([])
  })
})
