// Backups of a PostgreSQL database with PostgreSQL's own tools: pg_dump (custom format) to save,
// pg_restore and psql to put back. They come with the client package (Debian: postgresql-client)
// and must be at least as new as the server; on Heroku, `heroku pg:backups` does the same job.
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { postgresPoolConfig } from '../pool'
import { sqlRunnerForPg } from '../sql-runner'
import {
  BackupError,
  STABLE_TEXT_SETTINGS,
  summariseDatabase,
  tableSummarySql,
  type BackupManifest,
  type TableSummary,
} from './manifest'

type SslSetting = 'auto' | 'disable' | 'no-verify' | 'verify'

const INSTALL_HINT =
  'install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq), ' +
  'or on Heroku use `heroku pg:backups:capture` and `heroku pg:backups:restore` instead.'

/**
 * The connection as libpq's environment variables rather than a URL on the command line, where
 * any user of the machine could read the password (ps) and where settings only our driver knows
 * would be refused.
 */
export function libpqEnvironment(url: string, ssl: SslSetting, clientMajor: number): Record<string, string> {
  const parsed = new URL(url)
  const env: Record<string, string> = {
    PGHOST: parsed.searchParams.get('host') ?? parsed.hostname.replace(/^\[|\]$/g, ''),
    PGPORT: parsed.port || '5432',
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
    PGCONNECT_TIMEOUT: '10',
  }
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username)
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password)
  const fromUrl = parsed.searchParams.get('sslmode')
  const local = ['localhost', '127.0.0.1', '::1', ''].includes(env.PGHOST!) || env.PGHOST!.startsWith('/')
  const mode =
    ssl === 'disable'
      ? 'disable'
      : ssl === 'no-verify'
        ? 'require'
        : ssl === 'verify'
          ? 'verify-full'
          : (fromUrl ?? (local ? 'prefer' : 'verify-full'))
  env.PGSSLMODE = mode
  // Trust the system's certificate authorities, as our own driver does (libpq 16 and later; older
  // ones read ~/.postgresql/root.crt).
  if (mode === 'verify-full' && clientMajor >= 16) env.PGSSLROOTCERT = 'system'
  return env
}

/** Runs one of PostgreSQL's client programs; rejects with what it printed, or how to install it. */
function runTool(program: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${program} is not installed here: ${INSTALL_HINT}`
            : `${program}: ${error.message}`,
        ),
      ),
    )
    child.on('close', (code) => {
      if (code === 0) resolve(out)
      else
        reject(
          new BackupError(
            `${program} failed (exit ${code}):\n${(err || out).trim().split('\n').slice(-15).join('\n')}`,
          ),
        )
    })
  })
}

async function toolMajorVersion(program: string): Promise<number> {
  const printed = await runTool(program, ['--version'], {})
  return Number(/(\d+)(\.\d+)?/.exec(printed)?.[1] ?? 0)
}

/**
 * pg_dump refuses a newer server; this says so before it starts, with what to install. Returns the
 * oldest tool's major version.
 */
async function checkToolVersions(serverVersionNum: number): Promise<number> {
  const server = Math.floor(serverVersionNum / 10_000)
  let oldest = Infinity
  for (const program of ['pg_dump', 'pg_restore', 'psql']) {
    const major = await toolMajorVersion(program)
    oldest = Math.min(oldest, major)
    if (major < server)
      throw new BackupError(
        `${program} ${major} cannot work with this PostgreSQL ${server} server: install the client tools of version ${server} or later ` +
          `(Debian: postgresql-client-${server} from apt.postgresql.org), or on Heroku use \`heroku pg:backups\`.`,
      )
  }
  return oldest
}

export type PostgresTarget = { url: string; ssl: SslSetting }

function connect(target: PostgresTarget): pg.Client {
  return new pg.Client(postgresPoolConfig(target.url, target.ssl, 1))
}

/**
 * Dumps the database to `dumpFile` (pg_dump's custom format) and summarises it from the very same
 * snapshot (pg_export_snapshot), so the manifest describes exactly the rows in the dump even while
 * the site keeps writing.
 */
export async function dumpPostgres(
  target: PostgresTarget,
  dumpFile: string,
): Promise<Pick<BackupManifest, 'migrations' | 'tables' | 'media'> & { serverVersion: string }> {
  const client = connect(target)
  await client.connect()
  try {
    const { rows } = await client.query<{ n: string }>('SHOW server_version_num')
    const clientMajor = await checkToolVersions(Number(rows[0]!.n))
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id
    const summary = await summariseDatabase(sqlRunnerForPg(client))
    await runTool(
      'pg_dump',
      // Our tables only: other schemas (an extension's, the host's) are not ours to put back.
      [
        '--format=custom',
        '--schema=public',
        '--no-owner',
        '--no-privileges',
        `--snapshot=${snapshot}`,
        `--file=${dumpFile}`,
      ],
      libpqEnvironment(target.url, target.ssl, clientMajor),
    )
    await client.query('COMMIT')
    return summary
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * Replaces everything in the database's public schema with the dump, in one transaction that
 * ends by checking every table against the manifest: a failure anywhere (a dump pg_restore cannot
 * read, a row that does not match) leaves the database as it was.
 */
export async function restorePostgres(
  target: PostgresTarget,
  dumpFile: string,
  tables: Record<string, TableSummary>,
  workDir: string,
): Promise<void> {
  const client = connect(target)
  await client.connect()
  let clientMajor: number
  try {
    const { rows } = await client.query<{ n: string }>('SHOW server_version_num')
    clientMajor = await checkToolVersions(Number(rows[0]!.n))
  } finally {
    await client.end().catch(() => undefined)
  }
  const env = libpqEnvironment(target.url, target.ssl, clientMajor)
  const restoreSql = path.join(workDir, 'restore.sql')
  await runTool('pg_restore', ['--no-owner', '--no-privileges', `--file=${restoreSql}`, dumpFile], env)
  const prelude = path.join(workDir, 'prelude.sql')
  // The dump creates the schema itself (pg_dump --schema=public writes its CREATE SCHEMA).
  await writeFile(prelude, 'DROP SCHEMA IF EXISTS public CASCADE;\n')
  const check = path.join(workDir, 'check.sql')
  await writeFile(check, checkScript(tables))
  await runTool(
    'psql',
    [
      '--no-psqlrc',
      '--quiet',
      '-v',
      'ON_ERROR_STOP=1',
      '--single-transaction',
      '-f',
      prelude,
      '-f',
      restoreSql,
      '-f',
      check,
    ],
    env,
  )
}

/** SQL that fails (and so rolls the restore back) unless every table matches its summary. */
export function checkScript(tables: Record<string, TableSummary>): string {
  const checks = Object.entries(tables).map(([name, saved]) => {
    const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`
    return [
      `  SELECT s.rows, s.checksum INTO actual FROM (${tableSummarySql(name)}) s;`,
      `  IF actual.rows <> ${saved.rows} OR actual.checksum <> ${quoted(saved.checksum)} THEN`,
      `    RAISE EXCEPTION 'restore check: table % has % rows (% saved) or different content', ${quoted(name)}, actual.rows, ${saved.rows};`,
      `  END IF;`,
    ].join('\n')
  })
  return [
    `${STABLE_TEXT_SETTINGS};`,
    `DO $restore_check$`,
    `DECLARE actual record;`,
    `BEGIN`,
    ...checks,
    `END`,
    `$restore_check$;`,
    '',
  ].join('\n')
}
