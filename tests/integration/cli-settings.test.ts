// A wrong setting stops a command at once, naming the variable and what to put there.
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { ROOT } from '../support/test-env'

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
})
