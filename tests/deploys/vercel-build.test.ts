// `vercel build` outside Vercel, as a CI's prebuilt flow runs it (`vercel build --prod`, then
// `vercel deploy --prebuilt`), with the settings docs/deploy-vercel.md gives a project and nothing
// more: no SITE_URL (the guide leaves it to Vercel's domain, which a build outside Vercel is not
// told). vercel.json's build command migrates a fresh, empty database, then builds the functions.
//
// Stood in for: `vercel link` and `vercel pull --environment=production` (the two files they
// write under .vercel/, written here), and the install (this work tree with its node_modules
// hard-linked, as `npm ci` leaves it). The Vercel CLI is not a dependency of this project (the guide
// installs it with `npm i -g vercel`): without `vercel` on PATH the test skips, except in CI, where
// it fails and says so. One pass (PostgreSQL) is enough: it costs a build.
import { spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readMigrations } from '@/lib/db/migrations'
import { adminQuery, ROOT, testDatabaseUrl, withDatabase } from '../support/test-env'
import { copyWorkTree } from '../support/work-tree-copy'

const adminUrl = testDatabaseUrl()
const cliVersion = spawnSync('vercel', ['--version'], { encoding: 'utf8' })
const cliInstalled = cliVersion.status === 0
if (adminUrl && !cliInstalled && process.env.CI)
  throw new Error('The Vercel CLI is required in CI for tests/deploys/vercel-build.test.ts: npm i -g vercel')

const databaseName = `lookbook_vercel_${process.pid}`
let project = ''
let build = { status: null as number | null, output: '' }

/** What the guide adds with `vercel env add … production`, as `vercel pull` writes it. */
function productionVariables(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: '2',
    HASH_SALT: 'vercel-build-test-salt-0123456789',
    SERVER_ACTIONS_SECRET: 'vercel-build-test-server-actions-secret-0123456789',
    CRON_SECRET: 'vercel-build-test-cron-secret-0123456789',
    S3_BUCKET: 'lookbook-media',
    S3_REGION: 'eu-central-1',
    S3_ACCESS_KEY_ID: 'test-access-key',
    S3_SECRET_ACCESS_KEY: 'test-secret-key',
  }
}

function runVercelBuild(cwd: string): Promise<{ status: number | null; output: string }> {
  const child = spawn('vercel', ['build', '--prod', '--yes'], {
    cwd,
    // The variables come from .vercel/.env.production.local, as on a CI machine that pulled them;
    // NODE_ENV is what Vercel's Next.js builder sets for the build command anyway.
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/root',
      NODE_ENV: 'production',
      VERCEL_TELEMETRY_DISABLED: '1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, output })))
}

describe.runIf(adminUrl && cliInstalled)('vercel build outside Vercel, with the guide’s settings', () => {
  beforeAll(async () => {
    await adminQuery(adminUrl!, `CREATE DATABASE ${databaseName}`)
    project = await mkdtemp(path.join(os.tmpdir(), 'lookbook-vercel-'))
    await copyWorkTree(project)
    // What `vercel link` and `vercel pull` leave: the project's settings as the guide makes them
    // (framework Next.js, the commands from vercel.json), and the production variables.
    await mkdir(path.join(project, '.vercel'))
    const settings = {
      projectId: 'prj_lookbooktest',
      orgId: 'team_lookbooktest',
      // installCommand "": the install is done (see copyWorkTree); Vercel's own runs `npm install`.
      settings: { framework: 'nextjs', nodeVersion: '22.x', installCommand: '' },
    }
    await writeFile(path.join(project, '.vercel/project.json'), JSON.stringify(settings))
    const variables = productionVariables(withDatabase(adminUrl!, databaseName))
    await writeFile(
      path.join(project, '.vercel/.env.production.local'),
      Object.entries(variables)
        .map(([name, value]) => `${name}="${value}"\n`)
        .join(''),
    )
    build = await runVercelBuild(project)
  }, 900_000)

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true })
    if (adminUrl) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)
  })

  it('builds, with the server actions key from SERVER_ACTIONS_SECRET', () => {
    expect(build.status, build.output.slice(-6_000)).toBe(0)
    expect(build.output).toMatch(/Build Completed in \.vercel\/output/)
    expect(build.output).not.toContain('SERVER_ACTIONS_SECRET is not set')
  })

  it('migrates the empty database first, without SITE_URL', async () => {
    const { length } = await readMigrations()
    expect(build.output).toContain(`DATABASE_URL: applied ${length}, 0 already there.`)
    const client = new pg.Client({ connectionString: withDatabase(adminUrl!, databaseName) })
    await client.connect()
    try {
      const applied = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL',
      )
      expect(applied.rows[0]!.n).toBe(length)
    } finally {
      await client.end()
    }
  })

  it('outputs the functions and the feed sync cron vercel.json asks for', async () => {
    const output = path.join(project, '.vercel/output')
    const config = JSON.parse(await readFile(path.join(output, 'config.json'), 'utf8')) as {
      crons?: { path: string; schedule: string }[]
    }
    const vercelJson = JSON.parse(await readFile(path.join(ROOT, 'vercel.json'), 'utf8')) as {
      crons: { path: string; schedule: string }[]
    }
    expect(config.crons).toEqual(vercelJson.crons)
    const functions = await readdir(path.join(output, 'functions/api/cron'))
    expect(functions).toContain('feed-sync.func')
    expect(await readdir(path.join(output, 'static/_next/static'))).not.toHaveLength(0)
  })
})
