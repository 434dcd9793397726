// The KV on Upstash's REST API (Vercel KV: KV_REST_API_URL + KV_REST_API_TOKEN). Plain HTTPS
// requests, so it works where a long-lived Redis connection doesn't (serverless functions).
// Same keys, values and semantics as the Redis driver: both can share one database.
import { Redis } from '@upstash/redis'
import { encodeValue, wholeSeconds } from './encoding'
import type { KeyValueStore } from './types'

export function createUpstashStore(url: string, token: string, options: { prefix?: string } = {}): KeyValueStore {
  const prefix = options.prefix ?? 'lookbook:'
  const where = `Upstash KV (KV_REST_API_URL ${url})`
  const redis = new Redis({
    url,
    token,
    // The client would JSON.parse what it reads (and turn "123" into a number); we store our own
    // JSON text and parse it ourselves, exactly as the Redis driver does.
    automaticDeserialization: false,
    // The default retries network errors for about four seconds; a request waiting on a rate
    // limit should fail sooner.
    retry: { retries: 2, backoff: (attempt) => 100 * 2 ** attempt },
    signal: () => AbortSignal.timeout(5_000),
    enableTelemetry: false,
  })

  async function run<T>(command: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw new Error(`${where} ${command} failed: ${reason(error)}`, { cause: error })
    }
  }

  return {
    driver: 'upstash',
    async get<T>(key: string) {
      const json = await run('GET', () => redis.get<string>(prefix + key))
      return json === null ? null : (JSON.parse(json) as T)
    },
    async getMany<T>(keys: string[]) {
      if (keys.length === 0) return []
      const values = await run('MGET', () => redis.mget<(string | null)[]>(...keys.map((key) => prefix + key)))
      return values.map((json) => (json === null ? null : (JSON.parse(json) as T)))
    },
    async set(key, value, ttlSeconds) {
      const json = encodeValue(value)
      const seconds = wholeSeconds(ttlSeconds)
      await run('SET', () => redis.set(prefix + key, json, { ex: seconds }))
    },
    async delete(key) {
      await run('DEL', () => redis.del(prefix + key))
    },
    async increment(key, ttlSeconds) {
      const seconds = wholeSeconds(ttlSeconds)
      // As in the Redis driver: one transaction that gives a new counter its expiry, then counts.
      const replies = await run('INCR', () =>
        redis
          .multi()
          .set(prefix + key, '0', { ex: seconds, nx: true })
          .incr(prefix + key)
          .exec(),
      )
      return Number(replies[1])
    },
    async ping() {
      await run('PING', () => redis.ping())
    },
    async close() {
      // Stateless HTTP: nothing to close.
    },
  }
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  // @upstash/redis appends the whole command to its messages, and that includes the stored
  // value; keep it out of logs.
  let message = error.message.replace(/, command was: [\s\S]*$/, '')
  // fetch says only "fetch failed"; the reason (refused, DNS, TLS) is in its cause.
  if (error.cause instanceof Error) message += ` (${error.cause.message})`
  if (/unauthori[sz]ed|WRONGPASS|invalid.*token/i.test(message)) return `${message} (check KV_REST_API_TOKEN)`
  return message
}
