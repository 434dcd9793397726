// One behavioural suite for every KV driver: memory always; Redis and Upstash (through a REST shim
// in front of the same Redis) when Redis answers at TEST_REDIS_URL. Locally a missing Redis skips
// those; in CI (CI=true) it fails the run, because CI starts one.
import { randomUUID } from 'node:crypto'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from 'redis'
import { resetSettingsForTests } from '@/lib/env'
import { closeKeyValueStore, keyValueStore, type KeyValueStore } from '@/lib/kv'
import { createMemoryStore } from '@/lib/kv/memory'
import { createRedisStore } from '@/lib/kv/redis'
import { createUpstashStore } from '@/lib/kv/upstash'
import { withLocalFallback } from '@/lib/kv/fallback'
import { CircuitBreaker } from '@/lib/kv/circuit-breaker.js'
import { startUpstashShim } from '../support/upstash-rest-shim'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
// Unique per run so parallel runs on one Redis never see each other's keys.
const RUN_PREFIX = `lookbook-test:${randomUUID().slice(0, 8)}:`
const TOKEN = 'test-token'

const redisUp = await redisAvailable(REDIS_URL)

async function redisAvailable(url: string): Promise<boolean> {
  const probe = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } })
  probe.on('error', () => {})
  try {
    await probe.connect()
    await probe.ping()
    return true
  } catch (error) {
    if (process.env.CI)
      throw new Error(
        `Redis is required in CI but ${url} does not answer (${String(error)}). Start redis-server or set TEST_REDIS_URL.`,
      )
    return false
  } finally {
    probe.destroy()
  }
}

function behavesAsAKeyValueStore(open: () => KeyValueStore) {
  let store: KeyValueStore
  beforeAll(() => {
    store = open()
  })
  afterAll(async () => {
    await store.close()
  })

  it('round-trips JSON values and hands out copies', async () => {
    const outfit = { id: 7, tags: ['linen', 'summer'], fit: { size: 'M', oversized: false }, note: 'crème ✓' }
    await store.set('outfit', outfit, 60)
    const read = await store.get<typeof outfit>('outfit')
    expect(read).toEqual(outfit)
    read!.tags.push('mutated')
    expect(await store.get('outfit')).toEqual(outfit)
    // Text that looks like a number stays text (a JSON-guessing client would turn it into 123).
    await store.set('digits', '123', 60)
    expect(await store.get('digits')).toBe('123')
    await store.set('count', 42, 60)
    expect(await store.get('count')).toBe(42)
  })

  it('reads several keys in one call, in order, with null for the missing ones', async () => {
    await store.set('many:a', { sku: 'A' }, 60)
    await store.set('many:c', 'c', 60)
    expect(await store.getMany(['many:a', 'many:b', 'many:c'])).toEqual([{ sku: 'A' }, null, 'c'])
    expect(await store.getMany([])).toEqual([])
  })

  it('answers null for a missing key', async () => {
    expect(await store.get('never-set')).toBeNull()
  })

  it('deletes', async () => {
    await store.set('doomed', { a: 1 }, 60)
    await store.delete('doomed')
    expect(await store.get('doomed')).toBeNull()
    await expect(store.delete('never-set')).resolves.toBeUndefined()
  })

  it('counts 1, 2, 3', async () => {
    expect(await store.increment('counter', 60)).toBe(1)
    expect(await store.increment('counter', 60)).toBe(2)
    expect(await store.increment('counter', 60)).toBe(3)
    expect(await store.get('counter')).toBe(3)
  })

  it('refuses to count a value that is not a number', async () => {
    await store.set('text', { a: 1 }, 60)
    await expect(store.increment('text', 60)).rejects.toThrow(/not an integer/)
  })

  it('expires values', async () => {
    await store.set('short', { a: 1 }, 1)
    expect(await store.get('short')).toEqual({ a: 1 })
    await expect.poll(() => store.get('short'), { interval: 100, timeout: 3_000 }).toBeNull()
  })

  it('counts in a fixed window from the first hit: later hits do not push its end back', async () => {
    expect(await store.increment('window', 1)).toBe(1)
    // Hits every 100 ms: were each one to restart the 1 s window, the count would never start over.
    await expect.poll(() => store.increment('window', 1), { interval: 100, timeout: 3_000 }).toBe(1)
  })

  it('counts atomically under 50 concurrent increments', async () => {
    const counts = await Promise.all(Array.from({ length: 50 }, () => store.increment('busy', 60)))
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  })
}

describe('memory driver', () => {
  behavesAsAKeyValueStore(() => createMemoryStore())

  it('keeps at most maxEntries keys, dropping the oldest write', async () => {
    const store = createMemoryStore({ maxEntries: 3 })
    for (const key of ['a', 'b', 'c']) await store.set(key, key, 60)
    await store.set('a', 'a again', 60) // rewriting makes 'a' the newest
    await store.set('d', 'd', 60)
    expect(await store.get('b')).toBeNull()
    expect(await store.get('a')).toBe('a again')
    expect(await store.get('d')).toBe('d')
  })
})

describe.skipIf(!redisUp)('on a real Redis', () => {
  let raw: ReturnType<typeof createClient>
  let shim: Awaited<ReturnType<typeof startUpstashShim>>
  const stores: KeyValueStore[] = []
  const redisStore = (prefix: string) => remember(createRedisStore(REDIS_URL, { prefix: RUN_PREFIX + prefix }))
  const upstashStore = (prefix: string, token = TOKEN) =>
    remember(createUpstashStore(shim.url, token, { prefix: RUN_PREFIX + prefix }))
  const remember = (store: KeyValueStore) => (stores.push(store), store)

  beforeAll(async () => {
    raw = createClient({ url: REDIS_URL })
    raw.on('error', () => {})
    await raw.connect()
    shim = await startUpstashShim(REDIS_URL, TOKEN)
  })

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()))
    await shim?.close()
    if (!raw) return
    for await (const keys of raw.scanIterator({ MATCH: `${RUN_PREFIX}*`, COUNT: 500 }))
      if (keys.length > 0) await raw.del(keys)
    await raw.close()
  })

  describe('redis driver', () => {
    behavesAsAKeyValueStore(() => redisStore('redis:'))
  })

  describe('upstash driver (REST shim)', () => {
    behavesAsAKeyValueStore(() => upstashStore('upstash:'))
  })

  for (const [name, open] of [
    ['redis', redisStore],
    ['upstash', upstashStore],
  ] as const) {
    it(`${name}: prefixes its keys and gives them a TTL`, async () => {
      const store = open(`${name}-prefix:`)
      await store.set('look', { id: 1 }, 60)
      expect(await raw.get(`${RUN_PREFIX}${name}-prefix:look`)).toBe('{"id":1}')
      expect(await raw.ttl(`${RUN_PREFIX}${name}-prefix:look`)).toBeGreaterThan(50)
      expect(await raw.exists('look')).toBe(0)
    })
  }

  it('two instances ("dynos") on one Redis share values and counters, whatever their driver', async () => {
    const [a, b, c] = [redisStore('shared:'), redisStore('shared:'), upstashStore('shared:')]
    await a.set('offer', { price: 10 }, 60)
    expect(await b.get('offer')).toEqual({ price: 10 })
    expect(await c.get('offer')).toEqual({ price: 10 })
    expect(await a.increment('hits', 60)).toBe(1)
    expect(await b.increment('hits', 60)).toBe(2)
    expect(await c.increment('hits', 60)).toBe(3)
    await c.delete('offer')
    expect(await a.get('offer')).toBeNull()
  })

  it('upstash: a wrong token is a clear rejection', async () => {
    const store = upstashStore('wrong-token:', 'not-the-token')
    await expect(store.get('anything')).rejects.toThrow(
      /KV_REST_API_URL .*GET failed: Unauthorized \(check KV_REST_API_TOKEN\)/,
    )
  })
})

describe('a shared store with the local fallback', () => {
  it('keeps working from memory while Redis is unreachable, and says so once', async () => {
    const lines: string[] = []
    const breaker = new CircuitBreaker({ name: 'Redis (REDIS_URL)', log: (line) => lines.push(line) })
    const store = withLocalFallback(createRedisStore('redis://127.0.0.1:1'), { breaker })
    try {
      await store.set('offer', { price: 1 }, 60)
      expect(await store.get('offer')).toEqual({ price: 1 })
      expect(await store.getMany(['offer', 'none'])).toEqual([{ price: 1 }, null])
      expect([await store.increment('limit', 60), await store.increment('limit', 60)]).toEqual([1, 2])
      await store.delete('offer')
      expect(await store.get('offer')).toBeNull()
      expect(breaker.isOpen).toBe(true)
      expect(lines).toEqual([expect.stringMatching(/^Redis \(REDIS_URL\) is not answering \(.+\)/)])
      expect(store.driver).toBe('redis')
    } finally {
      await store.close()
    }
  })

  it.runIf(redisUp)('uses the shared store while it answers', async () => {
    const shared = createRedisStore(REDIS_URL, { prefix: `fallback-${randomUUID()}:` })
    const store = withLocalFallback(shared)
    try {
      await store.set('seen', 'by every instance', 60)
      expect(await shared.get('seen')).toBe('by every instance')
    } finally {
      await store.close()
    }
  })
})

describe('unreachable servers', () => {
  // The tests' timeouts are the bound: a refused connection must fail the call within seconds.
  it(
    'redis: rejects within seconds, naming REDIS_URL, and tries again on the next call',
    { timeout: 5_000 },
    async () => {
      const store = createRedisStore('redis://:secret@127.0.0.1:1')
      const failure = await store.get('anything').catch((error: unknown) => error as Error)
      expect(failure).toBeInstanceOf(Error)
      expect((failure as Error).message).toMatch(
        /^Redis \(REDIS_URL redis:\/\/:\*\*\*@127\.0\.0\.1:1\) is unreachable: .*ECONNREFUSED/,
      )
      await expect(store.increment('anything', 60)).rejects.toThrow(/REDIS_URL/)
      await store.close()
    },
  )

  it('redis: a server that accepts connections but never answers fails the waiting calls', async () => {
    const sockets: net.Socket[] = []
    const silent = net.createServer((socket) => sockets.push(socket)) // reads nothing, answers nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    // 5 s in production; a shorter watch here keeps the test quick.
    const store = createRedisStore(`redis://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, {
      stalledAfterMs: 600,
    })
    try {
      const calls = [store.get('a'), store.getMany(['a', 'b']), store.increment('c', 60)]
      const failures = await Promise.all(calls.map((call) => call.catch((error: Error) => error)))
      for (const failure of failures) {
        expect((failure as Error).message).toMatch(
          /^Redis \(REDIS_URL redis:\/\/127\.0\.0\.1:\d+\) (is unreachable|\w+ failed): no answer for 0\.6 s$/,
        )
      }
      expect(sockets.length).toBeGreaterThan(0)
      // The next call starts over on a new connection (which is silent too).
      const again = store.get('a').catch((error: Error) => error)
      await expect.poll(() => sockets.length).toBeGreaterThan(1)
      expect(await again).toBeInstanceOf(Error)
    } finally {
      await store.close()
      for (const socket of sockets) socket.destroy()
      silent.close()
    }
  })

  it('upstash: rejects within seconds, naming KV_REST_API_URL', { timeout: 5_000 }, async () => {
    const store = createUpstashStore('http://127.0.0.1:1', TOKEN)
    await expect(store.get('anything')).rejects.toThrow(
      /KV_REST_API_URL http:\/\/127\.0\.0\.1:1\) GET failed: fetch failed/,
    )
  })
})

describe('keyValueStore()', () => {
  const saved = { ...process.env }
  afterAll(async () => {
    await closeKeyValueStore()
    for (const name of ['REDIS_URL', 'KV_REST_API_URL', 'KV_REST_API_TOKEN']) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
    resetSettingsForTests()
  })

  async function driverFor(env: Record<string, string>) {
    await closeKeyValueStore()
    for (const name of ['REDIS_URL', 'KV_REST_API_URL', 'KV_REST_API_TOKEN']) delete process.env[name]
    Object.assign(process.env, env)
    resetSettingsForTests()
    return keyValueStore().driver
  }

  it('picks Upstash, then Redis, then memory, and keeps one store per process', async () => {
    expect(await driverFor({})).toBe('memory')
    expect(keyValueStore()).toBe(keyValueStore())
    // Choosing a driver doesn't connect, so unreachable addresses are fine here.
    expect(await driverFor({ REDIS_URL: 'redis://127.0.0.1:1' })).toBe('redis')
    expect(
      await driverFor({
        REDIS_URL: 'redis://127.0.0.1:1',
        KV_REST_API_URL: 'http://127.0.0.1:1',
        KV_REST_API_TOKEN: 't',
      }),
    ).toBe('upstash')
  })
})
