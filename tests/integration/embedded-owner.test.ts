// PGlite loses writes when two processes open one data directory. Lookbook lets exactly one process
// own it and serves everyone else over a socket; these tests write from several processes at once
// (the app's database layer and a CLI command) and check that nothing is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { cp, mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { inject } from 'vitest'
import { PGlite } from '@electric-sql/pglite'
import { ROOT } from '../support/test-env'

let dataDir: string

beforeAll(async () => {
  dataDir = path.join(inject('runDir'), `owner-${process.pid}`)
  await mkdir(dataDir, { recursive: true })
  await cp(path.join(inject('databaseTemplate'), 'pglite'), path.join(dataDir, 'pglite'), { recursive: true }).catch(
    () => undefined,
  )
})
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL')
  await rm(dataDir, { recursive: true, force: true })
})

const children: ChildProcess[] = []

type Run = { child: ChildProcess; output: string[]; done: Promise<number> }

function start(script: string, args: string[]): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' }
  delete env.DATABASE_URL // the embedded database is what is under test
  // node --import tsx, not the tsx launcher: a signal must reach the process that does the work.
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  const output: string[] = []
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = '' // a chunk may end in the middle of a line
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop() ?? ''
      output.push(...lines.filter(Boolean))
    })
  }
  const done = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : 1))))
  return { child, output, done }
}

const writer = (label: string, count: number) => start('tests/support/like-writer.ts', [label, String(count)])
const acknowledged = (run: Run) => run.output.filter((line) => line.startsWith('ok ')).length

async function waitFor(condition: () => boolean, ms = 60_000) {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Reads the directory after every process has exited (so this test process may open it). */
async function likesByLabel(): Promise<Record<string, number>> {
  const db = await PGlite.create(path.join(dataDir, 'pglite'))
  try {
    const rows = await db.query<{ label: string; n: number }>(
      'SELECT "targetId" AS label, count(*)::int AS n FROM "Like" GROUP BY 1',
    )
    return Object.fromEntries(rows.rows.map((row) => [row.label, row.n]))
  } finally {
    await db.close()
  }
}

describe('one owner for the embedded database', () => {
  it('loses no write when the app layer and a CLI command write at the same time', async () => {
    const seed = start('lib/cli/seed.ts', [])
    const writers = [writer('app-a', 150), writer('app-b', 150), writer('app-c', 150)]
    const codes = await Promise.all([seed.done, ...writers.map((w) => w.done)])
    expect(codes, [...seed.output, ...writers.flatMap((w) => w.output)].join('\n')).toEqual([0, 0, 0, 0])

    // Exactly one process owned the directory at a time; the others were its clients.
    const roles = writers.map((w) => w.output.find((line) => line.startsWith('role ')))
    expect(roles.filter((role) => role === 'role owner').length).toBeLessThanOrEqual(1)

    const likes = await likesByLabel()
    expect(likes).toMatchObject({ 'app-a': 150, 'app-b': 150, 'app-c': 150 })
    const db = await PGlite.create(path.join(dataDir, 'pglite'))
    const idols = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "Idol"')
    const products = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "Product"')
    await db.close()
    expect(idols.rows[0]?.n).toBe(8)
    expect(products.rows[0]?.n).toBe(162)
  }, 180_000)

  it('hands ownership over when the owner is killed, keeping every acknowledged write', async () => {
    const first = writer('killed', 100_000)
    await waitFor(() => first.output.includes('role owner'))
    const others = [writer('heir-a', 200), writer('heir-b', 200)]
    await waitFor(() => others.every((w) => acknowledged(w) >= 20))
    first.child.kill('SIGKILL')
    await first.done
    const survivedAcks = acknowledged(first)

    const codes = await Promise.all(others.map((w) => w.done))
    expect(codes, others.flatMap((w) => w.output).join('\n')).toEqual([0, 0])
    const likes = await likesByLabel()
    expect(likes['heir-a']).toBe(200)
    expect(likes['heir-b']).toBe(200)
    // Every write the killed owner acknowledged is there (one more may have committed unacknowledged).
    expect(likes.killed).toBeGreaterThanOrEqual(survivedAcks)
    expect(likes.killed).toBeLessThanOrEqual(survivedAcks + 1)
  }, 180_000)
})
