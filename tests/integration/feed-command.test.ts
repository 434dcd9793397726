// `npm run feed:sync` as an operator runs it: the command's TypeScript compiled by
// lib/cli/run-compiled.mjs, the feed read from a file, the report printed, and the exit code
// telling a sync from a refusal. Spawned without blocking: on the embedded database this process
// owns the database, and the command is its client.
import { execFile, spawn } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { useFreshDatabase } from '../support/database'
import { merchantXml, shopProduct, startFeedServer } from '../support/feeds'
import { ROOT } from '../support/test-env'

const database = useFreshDatabase()
let folder: string

async function feedSync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ...database.env(), FEED_URL: '' }
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--conditions=react-server', 'lib/cli/run-compiled.mjs', 'lib/cli/feed-sync.ts', ...args],
      { cwd: ROOT, env, timeout: 60_000 },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

/** The compiled feed-sync commands on disk (lib/cli/run-compiled.mjs writes one per run). */
async function compiledCommands(): Promise<string[]> {
  const names = await readdir(path.join(ROOT, 'node_modules/.cache/lookbook-cli')).catch(() => [])
  return names.filter((name) => name.startsWith('feed-sync-')).sort()
}

describe('npm run feed:sync', () => {
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lookbook-feed-command-'))
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('prints what a dry run would change, changes nothing, then syncs the file', async () => {
    const file = path.join(folder, 'feed.xml')
    await writeFile(file, merchantXml([shopProduct(1), shopProduct(2)]))
    const compiledBefore = await compiledCommands()
    const dry = await feedSync([file, '--dry-run'])
    expect(dry.stderr).not.toMatch(/error/i)
    expect([dry.code, dry.stdout]).toEqual([
      0,
      expect.stringContaining(`Dry run (nothing changed) of ${file}: 2 records listed.`),
    ])
    expect(await prisma().product.count()).toBe(0)

    const synced = await feedSync([file])
    expect(synced.code).toBe(0)
    expect(synced.stdout).toContain(`Synced ${file}: 2 records listed.`)
    expect(synced.stdout).toContain('created 2, updated 0, unchanged 0, deactivated 0, rejected 0')
    expect(await prisma().product.count()).toBe(2)
    // The compiled command is removed once loaded.
    expect(await compiledCommands()).toEqual(compiledBefore)
  })

  it('says what is missing, without a stack trace, and exits 1', async () => {
    const result = await feedSync([])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('feed:sync: say which feed: npm run feed:sync -- https://')
    expect(result.stderr).not.toMatch(/^\s+at /m)
  })
})

/** The worker as the Procfile runs it, until its first run is logged; then SIGTERM, as a deploy sends. */
async function workerFirstRun(feedUrl: string): Promise<{ lines: Record<string, unknown>[]; code: number | null }> {
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', 'lib/cli/run-compiled.mjs', 'lib/cli/feed-worker.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, ...database.env(), FEED_URL: feedUrl, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const deadline = Date.now() + 60_000
  while (!out.includes('"job":"feed-sync"') && Date.now() < deadline && child.exitCode === null)
    await new Promise((resolve) => setTimeout(resolve, 100))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const code = await exited
  const lines = out
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  return { lines, code }
}

describe('npm run feed:worker', () => {
  it('logs each run as one JSON line, a feed that cannot be read as a warning, and stops on SIGTERM', async () => {
    const feeds = await startFeedServer()
    try {
      feeds.routes.set('/feed.xml', { body: merchantXml([shopProduct(1), shopProduct(2), shopProduct(31)]) })
      feeds.routes.set('/down.xml', { status: 500 })
      const good = await workerFirstRun(`${feeds.url}/feed.xml`)
      expect(good.code).toBe(0)
      expect(good.lines.find((line) => line.job === 'feed-sync')).toMatchObject({
        level: 'info',
        msg: 'job feed-sync',
        outcome: 'done',
        status: 'SUCCEEDED',
        listed: 3,
        source: `${feeds.url}/feed.xml`,
        ms: expect.any(Number),
      })
      expect(good.lines.at(-1)).toMatchObject({ msg: 'feed worker stopped' })

      const down = await workerFirstRun(`${feeds.url}/down.xml`)
      expect(down.lines.find((line) => line.job === 'feed-sync')).toMatchObject({
        level: 'warn',
        outcome: 'unsuccessful',
        status: 'FAILED',
        message: expect.stringContaining('500'),
      })
    } finally {
      await feeds.close()
    }
  }, 120_000)
})
