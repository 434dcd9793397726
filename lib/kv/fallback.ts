// A shared KV (Redis, Upstash) with this process's memory behind it: when the shared one fails or
// is slow, the circuit breaker sends calls to memory instead, so a page view or a like never waits
// on a dead Redis. Meanwhile caches are per process and rate limits count per process (a few
// times the limit across instances, for the outage's length): a degraded site, not a down one.
import { CircuitBreaker } from './circuit-breaker.js'
import { createMemoryStore } from './memory'
import type { KeyValueStore } from './types'

export function withLocalFallback(
  shared: KeyValueStore,
  options: { breaker?: CircuitBreaker; local?: KeyValueStore } = {},
): KeyValueStore {
  const local = options.local ?? createMemoryStore()
  const breaker = options.breaker ?? new CircuitBreaker({ name: `The shared KV (${shared.driver})` })
  const either = <T>(work: (store: KeyValueStore) => Promise<T>) =>
    breaker.run(
      () => work(shared),
      () => work(local),
    )
  return {
    driver: shared.driver,
    get: (key) => either((store) => store.get(key)),
    getMany: (keys) => either((store) => store.getMany(keys)),
    set: (key, value, ttlSeconds) => either((store) => store.set(key, value, ttlSeconds)),
    delete: (key) => either((store) => store.delete(key)),
    increment: (key, ttlSeconds) => either((store) => store.increment(key, ttlSeconds)),
    ping: () => shared.ping(),
    async close() {
      await Promise.all([shared.close(), local.close()])
    },
  }
}
