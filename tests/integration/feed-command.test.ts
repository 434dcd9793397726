// `npm run feed:sync` as an operator runs it: the command's TypeScript compiled by
// lib/cli/run-compiled.mjs, the feed read from a file, the report printed, and the exit code
// telling a sync from a refusal. Spawned without blocking: on the embedded database this process
// owns the database, and the command is its client.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { useFreshDatabase } from '../support/database'
import { merchantXml, shopProduct } from '../support/feeds'
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
