// npm run db:reset as a user runs it, on this file's own database (PostgreSQL, or the embedded one
// through this process, which owns it): everything deleted and migrated again, the demo with
// --seed, and in production nothing at all without --force and the database's name typed again.
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { readMigrations } from '@/lib/db/migrations'
import { createIdol } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'
import { runCommand } from '../support/cli'

const database = useFreshDatabase()
const dbReset = (args: string[], env: Record<string, string> = {}) =>
  runCommand('lib/cli/db-reset.ts', args, { ...database.env(), ...env })

const PRODUCTION = {
  NODE_ENV: 'production',
  HASH_SALT: 'reset-test-salt-0123456789',
  SERVER_ACTIONS_SECRET: 'reset-test-server-actions-secret-0123456789',
  SITE_URL: 'https://x.example',
}
const idols = () => prisma().idol.count()
const nameOfDatabase = () => (database.databaseUrl ? new URL(database.databaseUrl).pathname.slice(1) : database.dataDir)

describe('npm run db:reset', () => {
  it('deletes every record and applies every migration again', { timeout: 60_000 }, async () => {
    await createIdol(prisma())
    await createIdol(prisma())
    const { status, out } = await dbReset([])
    expect(status, out).toBe(0)
    const migrations = await readMigrations()
    expect(out).toMatch(new RegExp(`deleted \\(2 idols, .*\\), applied ${migrations.length} migrations\\.`))
    expect(await idols()).toBe(0)
    const applied = await prisma().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM _prisma_migrations`
    expect(Number(applied[0]!.n)).toBe(migrations.length)
  })

  it('writes the demo campaign with --seed', { timeout: 120_000 }, async () => {
    const { status, out } = await dbReset(['--seed'])
    expect(status, out).toBe(0)
    expect(out).toMatch(/seeded the demo: \d+ idols/)
    expect(await idols()).toBeGreaterThan(0)
  })

  it('in production, deletes nothing without --force and the name typed again', { timeout: 60_000 }, async () => {
    const before = await idols()
    expect(before).toBeGreaterThan(0)
    const name = nameOfDatabase()

    const unforced = await dbReset([], PRODUCTION)
    expect(unforced.status).toBe(1)
    expect(unforced.out).toContain(
      `db:reset: refusing to delete the production database "${name}" (NODE_ENV=production)`,
    )
    const noName = await dbReset(['--force'], PRODUCTION)
    expect(noName.out).toContain(`no prompt here: give the database's name with --confirm ${name}`)
    const wrongName = await dbReset(['--force', '--confirm', 'some-other-db'], PRODUCTION)
    expect(wrongName.out).toContain(`"some-other-db" is not "${name}": nothing was changed.`)
    const seedInProduction = await dbReset(['--force', '--confirm', name, '--seed'], PRODUCTION)
    expect(seedInProduction.out).toContain('--seed writes demo data: not in production.')
    expect(await idols()).toBe(before)

    const confirmed = await dbReset(['--force', '--confirm', name], PRODUCTION)
    expect(confirmed.status, confirmed.out).toBe(0)
    expect(await idols()).toBe(0)
  })

  it('explains itself with --help, and refuses what it does not know', { timeout: 60_000 }, async () => {
    const help = await dbReset(['--help'])
    expect([help.status, help.out]).toEqual([0, expect.stringContaining('npm run db:reset -- [--seed]')])
    const unknown = await dbReset(['--everything'])
    expect(unknown.status).toBe(1)
    expect(unknown.out).toContain("db:reset: Unknown option '--everything'")
  })
})
