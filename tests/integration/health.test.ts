// Liveness and readiness as the route handlers answer them, against the real database (and a real
// Redis where one runs). /api/health: the process answers, whatever else is down. /api/ready: the
// database answers and holds every migration, within about two seconds; the KV is reported, not
// required; what went wrong goes to the log, never to whoever asks.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { GET as health } from '@/app/api/health/route'
import { GET as ready } from '@/app/api/ready/route'
import { closeDatabasePool } from '@/lib/db/pool'
import { disconnectPrisma } from '@/lib/db/client'
import { readMigrations } from '@/lib/db/migrations'
import { resetSettingsForTests } from '@/lib/env'
import { closeKeyValueStore } from '@/lib/kv'
import { useFreshDatabase, withLastMigrationMissing } from '../support/database'

const database = useFreshDatabase()

/** Runs `check` with these settings changed, then puts everything back as it was. */
async function withSettings(changes: Record<string, string>, check: () => Promise<void>): Promise<void> {
  const before = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]))
  const reopen = async () => {
    await disconnectPrisma()
    await closeDatabasePool()
    await closeKeyValueStore()
    resetSettingsForTests()
  }
  Object.assign(process.env, changes)
  await reopen()
  try {
    await check()
  } finally {
    for (const [name, value] of Object.entries(before))
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    await reopen()
  }
}

async function readyAnswer() {
  const started = performance.now()
  const response = await ready()
  return {
    status: response.status,
    body: (await response.json()) as Record<string, never>,
    ms: performance.now() - started,
  }
}

afterEach(() => vi.restoreAllMocks())

describe('GET /api/health', () => {
  it('answers 200 while the process runs, even with the database away', async () => {
    await withSettings({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' }, async () => {
      const response = health()
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(await response.json()).toEqual({ ok: true })
    })
  })
})

describe('GET /api/ready', () => {
  it('is ready on a migrated database, and says how each part answered', async () => {
    const migrations = await readMigrations()
    const { status, body } = await readyAnswer()
    expect(status).toBe(200)
    expect(body).toEqual({
      ok: true,
      database: { ok: true, ms: expect.any(Number), kind: database.databaseUrl ? 'postgresql' : 'embedded' },
      migrations: { ok: true, ms: expect.any(Number), expected: migrations.length, pending: [] },
      kv: { ok: true, ms: expect.any(Number), driver: 'memory' },
    })
  })

  it('is not ready while a migration is missing, and names it', async () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await withLastMigrationMissing(async (last) => {
      const { status, body } = await readyAnswer()
      expect(status).toBe(503)
      expect(body).toMatchObject({ ok: false, database: { ok: true }, migrations: { ok: false, pending: [last] } })
      expect(warned).toHaveBeenCalledWith(
        expect.stringMatching(/migrations: 1 migration\(s\) not applied: run npm run db:migrate/),
      )
    })
    expect((await readyAnswer()).status).toBe(200)
  })

  it('is not ready within about two seconds when the database does not answer, and tells nobody where it is', async () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    // A port that takes the connection and never answers: the pool would wait 5 s for it.
    const net = await import('node:net')
    const silent = net.createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as { port: number }).port
    try {
      await withSettings({ DATABASE_URL: `postgresql://secret-user@127.0.0.1:${port}/secret-db` }, async () => {
        const { status, body, ms } = await readyAnswer()
        expect(status).toBe(503)
        expect(body).toMatchObject({ ok: false, database: { ok: false }, migrations: { ok: false } })
        expect(ms).toBeLessThan(3_500)
        expect(JSON.stringify(body)).not.toMatch(/secret|127\.0\.0\.1/)
      })
    } finally {
      silent.close()
    }
    expect(warned).toHaveBeenCalledWith(expect.stringMatching(/database: no answer within 2000 ms/))
  })

  it('stays ready when the shared KV is down, and reports it', async () => {
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await withSettings({ REDIS_URL: 'redis://127.0.0.1:1' }, async () => {
      const { status, body } = await readyAnswer()
      expect(status).toBe(200)
      expect(body).toMatchObject({ ok: true, kv: { ok: false, driver: 'redis' } })
    })
    expect(warned).toHaveBeenCalledWith(expect.stringMatching(/^Readiness check: kv: /))
  })
})
