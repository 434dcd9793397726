// The Procfile's commands as Heroku runs them: `release` against a database that has never seen
// the app (it must migrate it, and do nothing the second time), then `web` with the $PORT the
// platform gives and NODE_ENV=production (it must bind that port and be ready). Run through a
// shell, as Heroku does, so what is tested is the Procfile's own text.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readMigrations } from '@/lib/db/migrations'
import { freePort, useBuildCopy } from '../support/next-server'
import { adminQuery, ROOT, testDatabaseUrl, withDatabase } from '../support/test-env'
import { readProcfile } from '../support/procfile'

const PROCFILE = readProcfile(ROOT)

// A build of its own: pages this server renders (on a database without the demo) must not land in
// the ISR cache of the test build other files' servers read.
const DIST_DIR = '.next-test-release'
useBuildCopy(DIST_DIR)

const adminUrl = testDatabaseUrl()
const databaseName = `lookbook_release_${process.pid}`
let dataDir: string | undefined
/** The release test's database, which the web test then serves. */
let database: Record<string, string> = {}

/** Where the commands keep their data: a new PostgreSQL database, or a new embedded one. */
async function freshDatabaseEnv(): Promise<Record<string, string>> {
  if (adminUrl) {
    await adminQuery(adminUrl, `CREATE DATABASE ${databaseName}`)
    return { DATABASE_URL: withDatabase(adminUrl, databaseName), DATA_DIR: path.join(ROOT, '.data-unused') }
  }
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'lookbook-release-'))
  return { DATA_DIR: dataDir }
}

afterAll(async () => {
  if (adminUrl) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** The settings a Heroku app has (app.json's, the add-ons'), with this test's database. */
function herokuEnv(database: Record<string, string>, more: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: undefined,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
    HASH_SALT: 'release-test-salt-0123456789',
    SERVER_ACTIONS_SECRET: 'release-test-server-actions-secret-0123456789',
    SITE_URL: 'https://lookbook.example.com',
    ...database,
    ...more,
  }
}

describe('the Procfile', () => {
  it('has a release, a web and a worker command', () => {
    expect(Object.keys(PROCFILE).sort()).toEqual(['release', 'web', 'worker'])
  })

  it('release migrates a new database, and finds nothing to do the second time', { timeout: 120_000 }, async () => {
    database = await freshDatabaseEnv()
    const env = herokuEnv(database)
    const first = spawnSync('sh', ['-c', PROCFILE.release!], { cwd: ROOT, env, encoding: 'utf8' })
    expect(first.status, `${first.stdout}\n${first.stderr}`).toBe(0)
    const migrations = await readMigrations()
    // The embedded database migrates itself as it opens, so there the command finds it done.
    expect(first.stdout).toContain(
      adminUrl ? `applied ${migrations.length}, 0 already there` : `is up to date (${migrations.length} migrations)`,
    )
    const second = spawnSync('sh', ['-c', PROCFILE.release!], { cwd: ROOT, env, encoding: 'utf8' })
    expect(second.status, second.stderr).toBe(0)
    expect(second.stdout).toContain(`is up to date (${migrations.length} migrations)`)
  })

  it('web binds the $PORT it is given in production and is ready there', { timeout: 120_000 }, async () => {
    const port = await freePort()
    const env = herokuEnv(database, { PORT: String(port), NEXT_DIST_DIR: DIST_DIR, WEB_CONCURRENCY: '1' })
    // Its own process group: npm, the primary and its worker stop together.
    const web = spawn('sh', ['-c', PROCFILE.web!], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    const output: string[] = []
    web.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    web.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    try {
      const deadline = Date.now() + 60_000
      let status = 0
      while (status !== 200) {
        if (web.exitCode !== null) throw new Error(`web exited with ${web.exitCode}:\n${output.join('')}`)
        if (Date.now() > deadline) throw new Error(`web never became ready on ${port}:\n${output.join('')}`)
        status = await fetch(`http://127.0.0.1:${port}/api/ready`).then(
          (answer) => answer.status,
          () => 0,
        )
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250))
      }
      const landing = await fetch(`http://127.0.0.1:${port}/`)
      expect(landing.status).toBe(200)
      // Production: HTTPS is assumed behind Heroku's router, and said so.
      expect(landing.headers.get('strict-transport-security')).toMatch(/max-age=/)
    } finally {
      const exited = new Promise((resolve) => web.once('exit', resolve))
      process.kill(-web.pid!, 'SIGTERM')
      await exited
    }
  })
})
