// npm run console as an operator uses it, on this file's own database (PostgreSQL, or the embedded
// one through this process, which owns it): --eval for scripts, and the REPL itself fed by a pipe.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { createIdol } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'
import { runCommand } from '../support/cli'
import { ROOT } from '../support/test-env'

const database = useFreshDatabase()
let home: string
let idolSlug: string

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'lookbook-console-'))
  idolSlug = (await createIdol(prisma(), { published: true })).slug
})
afterAll(() => rm(home, { recursive: true, force: true }))

const lookbookConsole = (args: string[]) => runCommand('lib/cli/console.ts', args, database.env(), { home })

describe('npm run console', () => {
  it(
    '--eval prints an expression’s value as JSON, with the Prisma client and lib/data loaded',
    { timeout: 60_000 },
    async () => {
      const count = await lookbookConsole(['--eval', 'await db.idol.count()'])
      expect(count, count.stderr).toMatchObject({ status: 0, stdout: '1\n' })
      const idols = await lookbookConsole(['--eval', '(await data.idols.getPublishedIdols()).map((idol) => idol.slug)'])
      expect(JSON.parse(idols.stdout)).toEqual([idolSlug])
      const statements = await lookbookConsole(['--eval', 'const n = await db.idol.count(); console.log(`${n} idol`)'])
      expect(statements.stdout).toBe('1 idol\n')
    },
  )

  it('says what is wrong with code that does not run, and exits 1', { timeout: 60_000 }, async () => {
    const broken = await lookbookConsole(['--eval', 'await db.idol.count('])
    expect(broken.status).toBe(1)
    expect(broken.stderr).toMatch(/^console: --eval: /m)
    const failing = await lookbookConsole(['--eval', 'await db.nothing.count()'])
    expect(failing.status).toBe(1)
    expect(failing.stderr).toContain("Cannot read properties of undefined (reading 'count')")
  })

  it('is a REPL with top-level await, and keeps its history', { timeout: 60_000 }, async () => {
    // In a terminal of its own (util-linux's script), as on `heroku run`: Node's REPL keeps history
    // only for a terminal, and a pipe would not wait for one line's answer before the next.
    const command = `${process.execPath} --import tsx --conditions=react-server lib/cli/console.ts`
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: home, NODE_ENV: 'test', TERM: 'dumb', ...database.env() },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    let out = ''
    // Without the terminal's colour and cursor codes.
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString().replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')))
    const exited = new Promise((resolve) => child.on('exit', resolve))
    const prompts = () => out.split('lookbook> ').length - 1
    for (const line of ['const n = await db.idol.count()', 'n + 41', '.exit']) {
      const before = prompts()
      await expect.poll(prompts, { timeout: 30_000 }).toBeGreaterThan(0)
      await expect.poll(() => out.endsWith('lookbook> '), { timeout: 30_000 }).toBe(true)
      child.stdin.write(`${line}\r`)
      if (line !== '.exit') await expect.poll(prompts, { timeout: 30_000 }).toBeGreaterThan(Math.max(before, 1))
    }
    expect(await exited).toBe(0)
    expect(out).toContain('db, data and settings are loaded')
    expect(out).toMatch(/^42\r?$/m)
    expect(await readFile(path.join(home, '.lookbook_console_history'), 'utf8')).toContain('n + 41')
  })
})
