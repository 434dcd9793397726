// The plain-server deploy (docs/deploy-server.md): `npm run build:standalone` makes one folder, it is
// copied away from this repository (so nothing can be found in the repository's node_modules), and
// the production server entry is started in it as the systemd unit does, on PostgreSQL with two
// worker processes. It must be ready, serve pages, their assets and the live answers.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { useFreshDatabase } from '../support/database'
import { freePort, TEST_SERVER_ACTIONS_SECRET } from '../support/next-server'
import { ROOT, testDatabaseUrl } from '../support/test-env'

const DIST_DIR = '.next-test-standalone'
// One standalone build is enough: the PostgreSQL pass runs it, as a plain server would.
const runnable = Boolean(testDatabaseUrl())
const database = useFreshDatabase()
let folder: string
let server: ChildProcess | undefined
let base = ''
const output: string[] = []

describe.runIf(runnable)('the standalone build on a plain server', () => {
  beforeAll(async () => {
    const built = spawnSync(process.execPath, [path.join(ROOT, 'lib/server/standalone.mjs')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: '1',
        SERVER_ACTIONS_SECRET: TEST_SERVER_ACTIONS_SECRET,
        DATABASE_URL: '',
        DATA_DIR: '/nonexistent/the-build-has-no-database',
      },
      encoding: 'utf8',
      timeout: 600_000,
    })
    expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0)
    expect(built.stdout).toMatch(/Standalone build: \.next-test-standalone\/standalone\/ \(\d+ MB/)
    folder = await mkdtemp(path.join(os.tmpdir(), 'lookbook-standalone-'))
    // As `cp -a` or `rsync -a` copy it: Next links packages under .next/node_modules relatively.
    await cp(path.join(ROOT, DIST_DIR, 'standalone'), folder, { recursive: true, verbatimSymlinks: true })
    await seedDemoData(prisma(), mediaStorage())

    const port = await freePort()
    base = `http://localhost:${port}`
    // What the systemd unit sets (docs/deploy-server.md), and no more: no NODE_PATH, no repository.
    server = spawn(process.execPath, ['lib/server/start.mjs'], {
      cwd: folder,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        NODE_ENV: 'production',
        NEXT_DIST_DIR: DIST_DIR,
        PORT: String(port),
        WEB_CONCURRENCY: '2',
        SITE_URL: base,
        HASH_SALT: 'standalone-test-salt-0123456789',
        SERVER_ACTIONS_SECRET: TEST_SERVER_ACTIONS_SECRET,
        ...database.env(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    server.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    server.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    const deadline = Date.now() + 60_000
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the standalone server exited:\n${output.join('')}`)
      const ready = await fetch(`${base}/api/ready`).catch(() => null)
      if (ready?.status === 200) break
      if (Date.now() > deadline) throw new Error(`the standalone server was not ready:\n${output.join('')}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }, 900_000)

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
    }
    if (folder) await rm(folder, { recursive: true, force: true })
    await rm(path.join(ROOT, DIST_DIR), { recursive: true, force: true })
  })

  it('holds the runtime only: none of the tools that build and test it', async () => {
    const packages = await readdir(path.join(folder, 'node_modules'))
    expect(packages).toContain('next')
    for (const tool of ['vitest', 'typescript', 'eslint', 'playwright-core', 'lighthouse', 'tsx'])
      expect(packages, tool).not.toContain(tool)
  })

  it('serves pages, their assets and live answers with two workers', { timeout: 120_000 }, async () => {
    const outfit = await prisma().outfit.findFirstOrThrow({ where: { published: true } })
    const landing = await fetch(`${base}/`)
    expect(landing.status, output.join('').slice(-5_000)).toBe(200)
    const html = await landing.text()
    const page = await fetch(`${base}/outfits/${outfit.slug}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(outfit.title)

    const asset = /\/_next\/static\/[^"?]+\.js/.exec(html)?.[0]
    expect(asset).toBeDefined()
    const script = await fetch(`${base}${asset}`, { headers: { 'accept-encoding': 'gzip, br' } })
    expect(script.status).toBe(200)
    expect(script.headers.get('cache-control')).toContain('immutable')

    const sku = (await prisma().product.findFirstOrThrow({ where: { active: true } })).sku
    const offers = await fetch(`${base}/api/offers?sku=${sku}`)
    expect(offers.status).toBe(200)
    expect(((await offers.json()) as { offers: { sku: string }[] }).offers[0]).toMatchObject({ sku })
    expect((await fetch(`${base}/api/health`)).status).toBe(200)
    // The server's log is the structured one: a JSON line per request.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(output.join('')).toMatch(/"route":"\/outfits\/\[slug\]".*"msg":"request"/)
  })
})
