// A wrong setting stops a command at once, naming the variable and what to put there; the settings
// only the server needs are not asked of a command that is not the server.
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { readMigrations } from '@/lib/db/migrations'
import { runCommand } from '../support/cli'
import { adminQuery, ROOT, testDatabaseUrl, withDatabase } from '../support/test-env'

function runMigrate(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/migrate.ts'], {
    cwd: ROOT,
    env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('command-line settings', () => {
  it('refuses DATABASE_URL=nonsense with a message, not a stack trace', () => {
    const result = runMigrate({ DATABASE_URL: 'nonsense' })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('Lookbook cannot start: invalid settings.')
    expect(result.stderr).toMatch(/DATABASE_URL must be a PostgreSQL URL such as postgresql:\/\//)
    expect(result.stderr).not.toMatch(/^\s+at /m)
  })

  it('refuses a pool size that is not a number', () => {
    const result = runMigrate({ DATABASE_URL: 'postgresql://127.0.0.1:1/x', DATABASE_POOL_MAX: 'many' })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/DATABASE_POOL_MAX must be a whole number from 1 to 100/)
  })

  it('says clearly when PostgreSQL cannot be reached', () => {
    const result = runMigrate({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/lookbook' })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(
      /cannot reach the database \(connect ECONNREFUSED 127\.0\.0\.1:1\)\. Check DATABASE_URL/,
    )
    expect(result.stderr).not.toMatch(/^\s+at /m)
  })

  // A CI's `vercel build` (and Heroku's release phase) migrates with the database's settings alone.
  it(
    'migrates a fresh database in production without HASH_SALT, SERVER_ACTIONS_SECRET or SITE_URL',
    { timeout: 120_000 },
    async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lookbook-migrate-'))
      const adminUrl = testDatabaseUrl()
      const database = `lookbook_migrate_${randomUUID().slice(0, 8)}`
      if (adminUrl) await adminQuery(adminUrl, `CREATE DATABASE ${database}`)
      try {
        const env = { NODE_ENV: 'production', DATA_DIR: dataDir }
        const migrated = await runCommand(
          'lib/cli/migrate.ts',
          [],
          adminUrl ? { ...env, DATABASE_URL: withDatabase(adminUrl, database) } : env,
        )
        expect(migrated.status, migrated.out).toBe(0)
        // The embedded database migrates as it opens; PostgreSQL's comes fresh and empty.
        const { length } = await readMigrations()
        expect(migrated.out).toMatch(
          new RegExp(`(: applied ${length}, 0 already there| is up to date \\(${length} migrations\\))\\.`),
        )
      } finally {
        if (adminUrl) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
        await rm(dataDir, { recursive: true, force: true })
      }
    },
  )

  it('still asks the server settings of the doctor, which checks a deploy', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lookbook-doctor-'))
    try {
      const doctor = await runCommand('lib/cli/doctor.ts', [], { NODE_ENV: 'production', DATA_DIR: dataDir })
      expect(doctor.status).toBe(1)
      expect(doctor.stderr).toMatch(/HASH_SALT is required in production/)
      expect(doctor.stderr).toMatch(/SERVER_ACTIONS_SECRET is required in production/)
      expect(doctor.stderr).toMatch(/SITE_URL is required in production/)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
