// The default KV: one process, nothing to run. Good for development and a single instance; with
// several instances each has its own counters, which is why production sets REDIS_URL or KV_REST_*.
import { encodeValue, wholeSeconds } from './encoding'
import type { KeyValueStore } from './types'

type Entry = { json: string; expiresAt: number }

// A burst of distinct keys (say, rate-limit keys per IP) must not grow the heap without bound.
const MAX_ENTRIES = 10_000

export function createMemoryStore(options: { maxEntries?: number } = {}): KeyValueStore {
  const maxEntries = options.maxEntries ?? MAX_ENTRIES
  const entries = new Map<string, Entry>()

  function live(key: string): Entry | undefined {
    const entry = entries.get(key)
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }

  function store(key: string, entry: Entry) {
    // Re-inserting moves the key to the end, so the Map's first key is always the oldest write.
    entries.delete(key)
    entries.set(key, entry)
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value
      if (oldest === undefined) break
      entries.delete(oldest)
    }
  }

  return {
    driver: 'memory',
    async get<T>(key: string) {
      const entry = live(key)
      return entry ? (JSON.parse(entry.json) as T) : null
    },
    async getMany<T>(keys: string[]) {
      return keys.map((key) => {
        const entry = live(key)
        return entry ? (JSON.parse(entry.json) as T) : null
      })
    },
    async set(key, value, ttlSeconds) {
      store(key, { json: encodeValue(value), expiresAt: Date.now() + wholeSeconds(ttlSeconds) * 1000 })
    },
    async delete(key) {
      entries.delete(key)
    },
    async increment(key, ttlSeconds) {
      const entry = live(key)
      if (!entry) {
        store(key, { json: '1', expiresAt: Date.now() + wholeSeconds(ttlSeconds) * 1000 })
        return 1
      }
      // A fixed window: the count grows but the expiry stays where the first hit put it.
      const current: unknown = JSON.parse(entry.json)
      // Same rule as Redis's INCR, so code that works here doesn't fail in production.
      if (!Number.isSafeInteger(current)) throw new Error(`KV increment: the value at "${key}" is not an integer`)
      entry.json = String((current as number) + 1)
      return (current as number) + 1
    },
    async ping() {
      // This process's own memory: it answers while the process does.
    },
    async close() {
      entries.clear()
    },
  }
}
