// A PostgreSQL server of the test's own, for tests that stop, kill and restart it: initdb and
// pg_ctl from the Debian packages, a free port, data and socket in a temporary folder. Never the
// machine's shared server. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { disconnectPrisma } from '@/lib/db/client'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { closeDatabasePool } from '@/lib/db/pool'
import { sqlRunnerForPg } from '@/lib/db/sql-runner'
import { resetSettingsForTests } from '@/lib/env'
import { freePort } from './next-server'
import { adminQuery } from './test-env'

/** Where Debian keeps the server's programs (the newest version installed), or null. */
function postgresBin(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a))
  const bin = versions.map((version) => path.join(root, version, 'bin')).find((dir) => existsSync(`${dir}/initdb`))
  return bin ?? null
}

const BIN = postgresBin()
const asRoot = process.getuid?.() === 0

/** Whether this machine can run a PostgreSQL of the test's own (CI installs the server packages). */
export const canRunOwnPostgres = BIN !== null

export type OwnPostgres = {
  /** The URL of database `lookbook` on it. */
  url: string
  start: () => Promise<void>
  /** `fast`: a clean shutdown that ends open sessions; `immediate`: as a crash would. */
  stop: (mode?: 'fast' | 'immediate') => Promise<void>
  /** The server's log, to explain a failure. */
  log: () => Promise<string>
  remove: () => Promise<void>
}

function run(program: string, args: string[]): void {
  const [command, commandArgs] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(BIN!, program), ...args]]
    : [path.join(BIN!, program), args]
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 })
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
}

/** Makes a new cluster, starts it and creates database `lookbook`. */
async function createOwnPostgres(): Promise<OwnPostgres> {
  if (!BIN)
    throw new Error('PostgreSQL server programs not found under /usr/lib/postgresql (apt-get install postgresql).')
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lookbook-pg-'))
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
    await chown(dir, uid, gid)
  }
  const data = path.join(dir, 'data')
  const logFile = path.join(dir, 'server.log')
  const port = await freePort()
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60`
  const server: OwnPostgres = {
    url: `postgresql://postgres@127.0.0.1:${port}/lookbook`,
    start: async () => run('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '30', 'start']),
    stop: async (mode = 'fast') => run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop']),
    log: async () => readFile(logFile, 'utf8').catch(() => ''),
    remove: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
      } catch {
        // not running (stopped by the test, or never started)
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
  await server.start()
  await adminQuery(`postgresql://postgres@127.0.0.1:${port}/postgres`, 'CREATE DATABASE lookbook')
  return server
}

/**
 * For a test file: its own PostgreSQL, migrated, as this process's database (DATABASE_URL), with
 * media under a folder of its own. Like useFreshDatabase, on a server the test may stop.
 */
export function useOwnPostgres(): { postgres: () => OwnPostgres; env: () => Record<string, string> } {
  let postgres: OwnPostgres | undefined
  const dataDir = path.join(os.tmpdir(), `lookbook-own-pg-media-${process.pid}`)
  beforeAll(async () => {
    postgres = await createOwnPostgres()
    const client = new pg.Client({ connectionString: postgres.url })
    await client.connect()
    await applyMigrations(sqlRunnerForPg(client), await readMigrations())
    await client.end()
    await mkdir(dataDir, { recursive: true })
    process.env.DATABASE_URL = postgres.url
    process.env.DATA_DIR = dataDir
    resetSettingsForTests()
  }, 120_000)
  afterAll(async () => {
    await disconnectPrisma()
    await closeDatabasePool()
    await postgres?.remove()
    await rm(dataDir, { recursive: true, force: true })
  })
  return {
    postgres: () => postgres!,
    env: () => ({ DATABASE_URL: postgres!.url, DATA_DIR: dataDir }),
  }
}
