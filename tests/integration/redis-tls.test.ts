// Redis as Heroku hands it out: a rediss:// URL to a TLS-only server whose certificate is
// self-signed. With REDIS_TLS=no-verify (app.json sets it) the KV stores in that Redis; without it
// the connection is refused, and the message (the server's warning, the doctor's finding) names
// the setting to change rather than "check REDIS_URL". Our own redis-server, TLS only, with a
// certificate openssl makes for the test.
import { createRedisClient } from '@/lib/kv/redis-client.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedisStore } from '@/lib/kv/redis'
import type { KeyValueStore } from '@/lib/kv/types'
import { runCommand } from '../support/cli'
import { useFreshDatabase } from '../support/database'
import { canRunOwnRedis, createOwnRedis, type OwnRedis } from '../support/own-redis'

const database = useFreshDatabase()
let redis: OwnRedis
const stores: KeyValueStore[] = []
const store = (url: string, tls?: string) => {
  const made = createRedisStore(url, { tls, prefix: 'tls-test:' })
  stores.push(made)
  return made
}

describe.runIf(canRunOwnRedis)('Redis over TLS with a self-signed certificate', () => {
  beforeAll(async () => {
    redis = await createOwnRedis({ tls: true })
  })

  afterAll(async () => {
    for (const each of stores) await each.close()
    await redis?.remove()
  })

  it('stores in that Redis with REDIS_TLS=no-verify', async () => {
    expect(redis.url).toMatch(/^rediss:\/\//)
    const kv = store(redis.url, 'no-verify')
    await kv.set('greeting', { hello: 'tls' }, 60)
    expect(await kv.get('greeting')).toEqual({ hello: 'tls' })
    expect(await kv.increment('count', 60)).toBe(1)
    expect(await kv.increment('count', 60)).toBe(2)

    // In the TLS Redis itself, not in a fallback of this process's memory.
    const raw = createRedisClient(redis.url, { tls: 'no-verify' })
    await raw.connect()
    try {
      expect(await raw.get('tls-test:count')).toBe('2')
      expect(await raw.keys('tls-test:*')).toHaveLength(2)
    } finally {
      await raw.close()
    }
  })

  it('refuses the certificate by default, naming REDIS_TLS', async () => {
    const kv = store(redis.url)
    await expect(kv.ping()).rejects.toThrow(
      /is unreachable: self-signed certificate: Redis's certificate is not signed by an authority this machine trusts\. Fix: set REDIS_TLS=no-verify/,
    )
  })

  it('says to use rediss:// when a plain URL reaches a TLS-only Redis', async () => {
    const kv = store(redis.url.replace('rediss://', 'redis://'))
    await expect(kv.ping()).rejects.toThrow(
      /as a TLS-only Redis \(Heroku Redis\) does to plain text\. Fix: use the rediss:/,
    )
  })

  it('says to use redis:// when a TLS URL reaches a plain Redis', async () => {
    const plain = await createOwnRedis()
    try {
      const kv = store(plain.url.replace('redis://', 'rediss://'))
      await expect(kv.ping()).rejects.toThrow(
        /no TLS handshake\. Fix: if this Redis does not speak TLS, use a redis:\/\//,
      )
    } finally {
      await plain.remove()
    }
  })

  it('npm run doctor names the setting, and passes once it is set', { timeout: 60_000 }, async () => {
    const doctor = (env: Record<string, string>) =>
      runCommand('lib/cli/doctor.ts', [], { ...database.env(), REDIS_URL: redis.url, ...env })
    const refused = await doctor({})
    expect(refused.status).toBe(1)
    expect(refused.out).toMatch(
      /✗ kv: redis does not answer: .*self-signed certificate.*\n\s+→ set REDIS_TLS=no-verify/,
    )
    expect(refused.out).not.toContain('check REDIS_URL')

    const answered = await doctor({ REDIS_TLS: 'no-verify' })
    expect(answered.out).toContain('✓ kv: redis answers')
  })
})
