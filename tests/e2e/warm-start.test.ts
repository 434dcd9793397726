// A worker takes connections only once the answers visitors ask most are in its front cache
// (lib/server/hot-pages.ts): after a restart or deploy (the list comes through Redis, under the
// site's address) and after a crashed worker is replaced (through the primary, without Redis).
// The first visitors of a new worker are served from memory: no render, no stall.
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { useFreshDatabase } from '../support/database'
import { freePort, startNext, useBuildCopy, type RunningServer } from '../support/next-server'
import { canRunOwnRedis, createOwnRedis, type OwnRedis } from '../support/own-redis'

const DIST_DIR = '.next-test-warm-start'
const database = useFreshDatabase()
useBuildCopy(DIST_DIR)
let redis: OwnRedis | undefined
const servers: RunningServer[] = []

beforeAll(async () => {
  await seedDemoData(prisma(), mediaStorage())
}, 600_000)

// Servers let their requests finish on SIGTERM (seconds each): past the default 10 s hook timeout
// the hook was abandoned, and the test's own Redis outlived the run.
afterAll(async () => {
  await redis?.remove()
  await Promise.all(servers.map((server) => server.stop()))
}, 60_000)

async function start(env: Record<string, string>): Promise<RunningServer> {
  // Restarts keep the ISR cache on disk, as a plain server's restart does (a deploy's would not).
  const server = await startNext(
    { ...database.env(), WEB_CONCURRENCY: '1', ...env },
    { distDir: DIST_DIR, emptyCache: false },
  )
  servers.push(server)
  return server
}

async function hotPaths(): Promise<string[]> {
  const outfits = await prisma().outfit.findMany({ where: { published: true }, take: 3, orderBy: { slug: 'asc' } })
  return ['/', '/outfits', '/products', ...outfits.map((outfit) => `/outfits/${outfit.slug}`)]
}

/** HIT or STALE (a listing older than its 10 s, refreshed behind it) are both answers from memory. */
const fromMemory = (response: Response) => {
  const state = response.headers.get('x-lookbook-cache')
  return state === 'HIT' || state === 'STALE' ? 'memory' : state
}

/** Each path asked as a browser navigates to it, `times` times: the front cache counts the visits. */
async function visit(server: RunningServer, paths: string[], times: number): Promise<string[]> {
  const states: string[] = []
  for (let i = 0; i < times; i++)
    for (const path of paths) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } })
      await response.arrayBuffer()
      expect(response.status, path).toBe(200)
      states.push(`${path} ${fromMemory(response)}`)
    }
  return states
}

const warmedLine = (server: RunningServer) =>
  server.output
    .join('')
    .split('\n')
    .find((line) => line.includes('most visited answers'))

/**
 * The worker's "Warmed …" line, once it reaches the server's output: it is logged before the
 * worker listens, but log lines are written in batches (every 200 ms, lib/log-output.ts), so it
 * can arrive after the first answers.
 */
async function awaitWarmedLine(server: RunningServer): Promise<string | undefined> {
  for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
    const line = warmedLine(server)
    if (line) return line
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return undefined
}

describe('warm before serving', () => {
  it.runIf(canRunOwnRedis)(
    'a restarted server answers its first visitors from memory, with the hot list it left in Redis',
    { timeout: 180_000 },
    async () => {
      redis = await createOwnRedis() // started
      // The same site (its address names the list) on each start; the port is each server's own.
      const env = { REDIS_URL: redis.url, SITE_URL: `http://localhost:${await freePort()}` }
      const paths = await hotPaths()
      const first = await start(env)
      expect(warmedLine(first)).toBeUndefined() // the site's first start: nothing known, cold
      expect(await visit(first, paths, 1)).toEqual(paths.map((path) => `${path} MISS`))
      await visit(first, paths, 2)
      await first.stop() // SIGTERM, as a restart or deploy: the worker leaves its list in Redis

      const second = await start(env)
      const warmed = await awaitWarmedLine(second)
      // Filled from the list, then each kind of page rendered once and the hits served over
      // loopback: the first stale page and the first thousand hits do not stall real visitors.
      expect(warmed, second.output.join('').slice(-4_000)).toMatch(
        /Warmed \d+ of \d+ most visited answers in \d+ ms, before taking connections; rendered [1-9]\d* kinds of page/,
      )
      await expect // log lines are written in batches (see awaitWarmedLine)
        .poll(() => second.output.join(''), { timeout: 5_000 })
        .toMatch(/Served the hot list [1-9]\d* times over loopback/)
      // Many visitors at once, the moment it listens: every one from memory.
      const answers = await Promise.all(
        paths.flatMap((path) =>
          Array.from({ length: 5 }, async () => {
            const response = await fetch(`${second.url}${path}`, { headers: { accept: 'text/html' } })
            await response.arrayBuffer()
            return `${path} ${response.status} ${fromMemory(response)}`
          }),
        ),
      )
      expect(answers, warmed).toEqual(paths.flatMap((path) => Array(5).fill(`${path} 200 memory`)))
    },
  )

  it(
    "a worker that replaces a crashed one warms its sibling's list from the primary, without Redis",
    { timeout: 180_000 },
    async () => {
      const server = await start({ SITE_URL: `http://localhost:${await freePort()}` })
      const paths = await hotPaths()
      await visit(server, paths, 3)
      // Workers tell the primary their list every 10 s.
      await new Promise((resolve) => setTimeout(resolve, 11_000))
      const worker = Number(execFileSync('pgrep', ['-P', String(server.child.pid)], { encoding: 'utf8' }).trim())
      process.kill(worker, 'SIGKILL')
      // The primary starts another: ready once it answers, warm before it does.
      await expect
        .poll(
          async () => {
            const replaced = execFileSync('pgrep', ['-P', String(server.child.pid)], { encoding: 'utf8' }).trim()
            if (!replaced || Number(replaced) === worker) return false
            return fetch(`${server.url}/api/ready`).then(
              (response) => response.ok,
              () => false,
            )
          },
          { timeout: 60_000, interval: 200 },
        )
        .toBe(true)
      expect(await visit(server, paths, 1), server.output.join('').slice(-4_000)).toEqual(
        paths.map((path) => `${path} memory`),
      )
      expect(await awaitWarmedLine(server)).toMatch(/Warmed \d+ of \d+ most visited answers/)
    },
  )
})
