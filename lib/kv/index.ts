// Picks the KV driver from the settings, once per process: Upstash REST when KV_REST_API_URL is
// set (Vercel), else Redis when REDIS_URL is set (several dynos), else memory (one process). A
// shared driver has this process's memory behind it for when it fails (./fallback.ts).
import { settings } from '@/lib/env'
import { createMemoryStore } from './memory'
import { createRedisStore } from './redis'
import { createUpstashStore } from './upstash'
import { withLocalFallback } from './fallback'
import { breakerFor, REDIS_BREAKER } from './circuit-breaker.js'
import type { KeyValueStore } from './types'

export type { KeyValueStore } from './types'

// On globalThis so that Next's development reloads reuse the connection instead of opening one
// per reload (and so the memory driver keeps its contents across them).
const globalForKv = globalThis as { __lookbookKeyValueStore?: KeyValueStore }

export function keyValueStore(): KeyValueStore {
  globalForKv.__lookbookKeyValueStore ??= createFromSettings()
  return globalForKv.__lookbookKeyValueStore
}

/** Closes the store's connections and forgets it; the next keyValueStore() reads the settings again. */
export async function closeKeyValueStore(): Promise<void> {
  const store = globalForKv.__lookbookKeyValueStore
  globalForKv.__lookbookKeyValueStore = undefined
  await store?.close()
}

function createFromSettings(): KeyValueStore {
  const { KV_REST_API_URL, KV_REST_API_TOKEN, REDIS_URL, REDIS_TLS } = settings()
  // The settings check guarantees the token whenever the URL is set.
  if (KV_REST_API_URL && KV_REST_API_TOKEN)
    return withLocalFallback(createUpstashStore(KV_REST_API_URL, KV_REST_API_TOKEN), {
      breaker: breakerFor('Upstash (KV_REST_API_URL)'),
    })
  if (REDIS_URL)
    return withLocalFallback(createRedisStore(REDIS_URL, { tls: REDIS_TLS }), { breaker: breakerFor(REDIS_BREAKER) })
  return createMemoryStore()
}
