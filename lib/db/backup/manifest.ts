// What a backup holds, written into it as manifest.json: where it came from, which migrations the
// database had, and for every table its row count and a checksum of its rows, so a restore can
// prove it put back exactly what was saved. Media files stay in object storage (it keeps them);
// the manifest lists the ones the database refers to, so a restore can say which are missing.
import type { MigrationFile } from '../migrations'
import type { SqlRunner } from '../sql-runner'

export const BACKUP_FORMAT = 'lookbook-backup/1'
export const MANIFEST_ENTRY = 'manifest.json'

export type DatabaseKind = 'postgresql' | 'embedded'
export type TableSummary = { rows: number; checksum: string }
export type MediaEntry = { key: string; mime: string; bytes: number }

export type BackupManifest = {
  format: typeof BACKUP_FORMAT
  createdAt: string
  database: { kind: DatabaseKind; serverVersion: string; name: string }
  /** The archive entry holding the dump, and its size. */
  dump: { entry: string; bytes: number }
  migrations: string[]
  tables: Record<string, TableSummary>
  media: MediaEntry[]
}

/**
 * How values are written as text can differ between servers and sessions (time zone, date style,
 * float digits): fixed for the transaction that sums the rows, at backup and at restore alike.
 */
export const STABLE_TEXT_SETTINGS = [
  `SET LOCAL TimeZone = 'UTC'`,
  `SET LOCAL DateStyle = 'ISO, YMD'`,
  `SET LOCAL IntervalStyle = 'postgres'`,
  `SET LOCAL extra_float_digits = 1`,
  `SET LOCAL bytea_output = 'hex'`,
].join(';\n')

/**
 * Row count and checksum of one table: md5 of its rows' text, sorted byte by byte (COLLATE "C":
 * the same order on a server with another collation), so the same rows give the same sum whatever
 * their physical order. Run with STABLE_TEXT_SETTINGS.
 */
export function tableSummarySql(table: string): string {
  const name = `"${table.replaceAll('"', '""')}"`
  return `SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C")), '') AS checksum FROM public.${name} t`
}

/**
 * Tables, migrations and media of the database, read inside the caller's transaction (one
 * snapshot: the caller's dump must come from the same one), with STABLE_TEXT_SETTINGS for that
 * transaction only.
 */
export async function summariseDatabase(
  sql: SqlRunner,
): Promise<Pick<BackupManifest, 'migrations' | 'tables' | 'media'> & { serverVersion: string }> {
  await sql.exec(STABLE_TEXT_SETTINGS)
  const tableNames = await sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )
  const tables: Record<string, TableSummary> = {}
  for (const { name } of tableNames) tables[name] = (await sql.query<TableSummary>(tableSummarySql(name)))[0]!
  const has = (table: string) => table in tables
  const migrations = has('_prisma_migrations')
    ? (
        await sql.query<{ name: string }>(
          `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
        )
      ).map((row) => row.name)
    : []
  const media = has('Media') ? await sql.query<MediaEntry>(`SELECT key, mime, bytes FROM "Media" ORDER BY key`) : []
  const [{ server_version: serverVersion }] = (await sql.query<{ server_version: string }>('SHOW server_version')) as [
    { server_version: string },
  ]
  return { migrations, tables, media, serverVersion }
}

/**
 * Rows anyone wrote into the database: its tables' rows, less the migration bookkeeping and the
 * tables a migration fills itself (the default legal pages). 0 means a new, merely migrated database.
 */
export async function countRows(sql: SqlRunner, migrations: MigrationFile[]): Promise<number> {
  const filledByMigrations = new Set(
    migrations.flatMap((migration) => [...migration.sql.matchAll(/INSERT INTO "([^"]+)"/g)].map((match) => match[1]!)),
  )
  const tables = await sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  )
  let rows = 0
  for (const { name } of tables) {
    if (filledByMigrations.has(name)) continue
    rows += (
      await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${name.replaceAll('"', '""')}"`)
    )[0]!.n
  }
  return rows
}

/** Thrown by a restore, before it changes anything, onto a database holding rows without --force. */
export class DatabaseNotEmpty extends Error {
  constructor(readonly rows: number) {
    super(`the database holds ${rows} rows`)
  }
}

/** Tables whose rows differ between what was saved and what is there now, as readable lines. */
export function differences(saved: Record<string, TableSummary>, now: Record<string, TableSummary>): string[] {
  const lines: string[] = []
  for (const name of new Set([...Object.keys(saved), ...Object.keys(now)])) {
    const a = saved[name]
    const b = now[name]
    if (!b) lines.push(`${name}: missing after the restore`)
    else if (!a) lines.push(`${name}: not in the backup`)
    else if (a.rows !== b.rows) lines.push(`${name}: ${a.rows} rows saved, ${b.rows} now`)
    else if (a.checksum !== b.checksum) lines.push(`${name}: same ${a.rows} rows counted, different content`)
  }
  return lines
}

export class BackupError extends Error {}

/** Reads and checks a manifest from its JSON text. */
export function parseManifest(text: string, source: string): BackupManifest {
  let manifest: BackupManifest
  try {
    manifest = JSON.parse(text) as BackupManifest
  } catch {
    throw new BackupError(`${source}: its manifest.json is not JSON`)
  }
  if (manifest?.format !== BACKUP_FORMAT)
    throw new BackupError(`${source}: not a Lookbook backup this version can read (format ${String(manifest?.format)})`)
  return manifest
}
