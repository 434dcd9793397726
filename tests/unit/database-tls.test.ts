// TLS to PostgreSQL (DATABASE_SSL): none to this machine, verified elsewhere, and the two
// explicit modes Heroku-style and strict deployments need.
import { describe, expect, it } from 'vitest'
import pg from 'pg'
import { parseSettings } from '@/lib/env'
import { postgresPoolConfig } from '@/lib/db/pool'
import { testDatabaseUrl } from '../support/test-env'

describe('DATABASE_SSL', () => {
  it('defaults to auto, and names the allowed values', () => {
    expect(parseSettings({}).DATABASE_SSL).toBe('auto')
    expect(() => parseSettings({ DATABASE_SSL: 'yes' })).toThrow(
      /DATABASE_SSL must be auto, disable, no-verify \(Heroku Postgres\) or verify/,
    )
  })

  it('auto: plain to this machine, the URL’s own sslmode when it has one, otherwise a verified certificate', () => {
    expect(postgresPoolConfig('postgresql://u@127.0.0.1:5432/db', 'auto', 5)).toEqual({
      connectionString: 'postgresql://u@127.0.0.1:5432/db',
      max: 5,
    })
    expect(postgresPoolConfig('postgresql://u@db.example.com/db?sslmode=require', 'auto', 5)).toEqual({
      connectionString: 'postgresql://u@db.example.com/db?sslmode=require',
      max: 5,
    })
    expect(postgresPoolConfig('postgresql://u@db.example.com/db', 'auto', 5).ssl).toEqual({ rejectUnauthorized: true })
  })

  it('explicit modes win over the URL', () => {
    const heroku = postgresPoolConfig(
      'postgres://u:p@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d1?sslmode=require',
      'no-verify',
      20,
    )
    expect(heroku).toEqual({
      connectionString: 'postgres://u:p@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d1',
      max: 20,
      ssl: { rejectUnauthorized: false },
    })
    expect(postgresPoolConfig('postgresql://u@db.example.com/db', 'disable', 5).ssl).toBe(false)
  })

  it.runIf(testDatabaseUrl())(
    'really connects in plain, and refuses to go on without TLS when verify is asked for',
    async () => {
      const plain = new pg.Client(postgresPoolConfig(testDatabaseUrl()!, 'disable', 1))
      await plain.connect()
      expect((await plain.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
      await plain.end()
      const strict = new pg.Client(postgresPoolConfig(testDatabaseUrl()!, 'verify', 1))
      await expect(strict.connect()).rejects.toThrow(/SSL/)
    },
  )
})
