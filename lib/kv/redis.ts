// The KV on a Redis server (REDIS_URL), shared by every instance of the app. One connection per
// process, opened on first use so that importing this never needs Redis. When Redis is down, calls
// fail within a few seconds with an error naming REDIS_URL; they neither hang nor crash the process.
import { MultiErrorReply } from 'redis'
import { encodeValue, wholeSeconds } from './encoding'
import { createRedisClient, FIX, redisSettingHint } from './redis-client.js'
import type { KeyValueStore } from './types'

function newClient(url: string, tls: string | undefined) {
  return createRedisClient(url, {
    tls,
    // Ride out a restart, then give up: a rate-limited request should get an error in seconds
    // rather than wait on an endless reconnect loop.
    reconnectStrategy: (retries) => (retries < 2 ? 250 * (retries + 1) : false),
  })
}

/**
 * A Redis that accepts the connection but never answers must not hang a request either: when
 * commands are waiting and none has been answered for this long, the connection is dropped, its
 * waiting commands fail, and the next call connects afresh. One timer per store watches; node-redis's
 * own per-command timeout costs every command an AbortSignal.timeout (a timer, a weak reference
 * and a finalizer that live 5 s), which made garbage collection the offers path's largest cost.
 */
const STALLED_AFTER_MS = 5_000

type RedisClient = ReturnType<typeof newClient>

export function createRedisStore(
  url: string,
  options: { prefix?: string; stalledAfterMs?: number; tls?: string } = {},
): KeyValueStore {
  const stalledAfterMs = options.stalledAfterMs ?? STALLED_AFTER_MS
  // Several apps (or test runs) can share one Redis without seeing each other's keys.
  const prefix = options.prefix ?? 'lookbook:'
  const where = `Redis (REDIS_URL ${redact(url)})`
  let connection: Promise<RedisClient> | undefined
  let client: RedisClient | undefined
  const watch = {
    waiting: 0,
    answered: 0,
    answeredAtLastLook: 0,
    quietSince: 0,
    stalled: false,
    timer: undefined as NodeJS.Timeout | undefined,
  }

  // Ends the connection attempt under way when the watch gives up on it: node-redis does not always
  // settle connect() for a client destroyed while connecting, and every call would wait on it.
  let abandonOpening: ((error: Error) => void) | undefined

  function lookForStall(): void {
    if (watch.waiting === 0 || watch.answered !== watch.answeredAtLastLook) {
      watch.answeredAtLastLook = watch.answered
      watch.quietSince = Date.now()
    } else if (Date.now() - watch.quietSince >= stalledAfterMs && client) {
      watch.stalled = true
      const stuck = client
      client = undefined
      connection = undefined
      stuck.destroy()
      abandonOpening?.(new Error(`no answer for ${stalledAfterMs / 1000} s`))
    }
  }

  function open(): Promise<RedisClient> {
    watch.timer ??= setInterval(lookForStall, Math.min(500, stalledAfterMs / 4)).unref()
    const created = newClient(url, options.tls)
    client = created
    watch.stalled = false
    // node-redis reports each failed attempt as an 'error' event, and an EventEmitter with no
    // 'error' listener throws, taking the process down. Callers get the error as a rejection.
    created.on('error', () => {})
    const abandoned = new Promise<never>((_, reject) => (abandonOpening = reject))
    const opened: Promise<RedisClient> = Promise.race([created.connect(), abandoned]).then(
      () => created,
      (error: unknown) => {
        forget(opened)
        throw new Error(
          `${where} is unreachable: ${withHint(watch.stalled ? `no answer for ${stalledAfterMs / 1000} s` : reason(error), error, url, watch.stalled)}`,
          { cause: error },
        )
      },
    )
    // Once the reconnect strategy gives up the client is finished; the next call starts afresh.
    created.on('terminated', () => {
      forget(opened)
      setImmediate(() => created.destroy())
    })
    return opened
  }

  function forget(attempt: Promise<RedisClient>) {
    if (connection === attempt) connection = undefined
  }

  async function run<T>(command: string, work: (client: RedisClient) => Promise<T>): Promise<T> {
    // The first call to wait starts the clock; answers (see lookForStall) restart it.
    if (watch.waiting++ === 0) watch.quietSince = Date.now()
    try {
      connection ??= open()
      const ready = await connection // fails with its own message: unreachable
      try {
        return await work(ready)
      } catch (error) {
        throw new Error(
          `${where} ${command} failed: ${watch.stalled ? `no answer for ${stalledAfterMs / 1000} s` : reason(error)}`,
          { cause: error },
        )
      }
    } finally {
      watch.waiting -= 1
      watch.answered += 1
    }
  }

  return {
    driver: 'redis',
    async get<T>(key: string) {
      const json = await run('GET', (client) => client.get(prefix + key))
      return json === null ? null : (JSON.parse(json) as T)
    },
    async getMany<T>(keys: string[]) {
      if (keys.length === 0) return []
      const values = await run('MGET', (client) => client.mGet(keys.map((key) => prefix + key)))
      return values.map((json) => (json === null ? null : (JSON.parse(json) as T)))
    },
    async set(key, value, ttlSeconds) {
      const json = encodeValue(value)
      const seconds = wholeSeconds(ttlSeconds)
      await run('SET', (client) => client.set(prefix + key, json, { expiration: { type: 'EX', value: seconds } }))
    },
    async delete(key) {
      await run('DEL', (client) => client.del(prefix + key))
    },
    async increment(key, ttlSeconds) {
      const seconds = wholeSeconds(ttlSeconds)
      // One transaction: create the counter with its expiry only if it is new, then count. INCR
      // keeps the TTL, so the window stays fixed, and no crash between two calls can leave a
      // counter that never expires.
      const replies = await run('INCR', (client) =>
        client
          .multi()
          .set(prefix + key, '0', { expiration: { type: 'EX', value: seconds }, condition: 'NX' })
          .incr(prefix + key)
          .exec(),
      )
      return Number(replies[1])
    },
    async ping() {
      await run('PING', (client) => client.ping())
    },
    async close() {
      clearInterval(watch.timer)
      watch.timer = undefined
      const attempt = connection
      connection = undefined
      client = undefined
      const open = await attempt?.catch(() => undefined)
      if (!open) return
      if (open.isReady) await open.close()
      else open.destroy()
    },
  }
}

/** The reason, and the setting to change when the error (or a silent Redis) points at one. */
function withHint(why: string, error: unknown, url: string, silent: boolean): string {
  const first = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error
  const hint = redisSettingHint(first, url, { silent })
  return hint ? `${why}: ${hint.cause}. ${FIX} ${hint.fix}` : why
}

function reason(error: unknown): string {
  // Node reports a refused connection to a name with several addresses as an AggregateError
  // with an empty message; its first error says what happened.
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0])
  // A failed transaction says only "1 commands failed"; the failing command's error says why.
  if (error instanceof MultiErrorReply && error.errorIndexes.length > 0)
    return reason(error.replies[error.errorIndexes[0]!])
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name
  return String(error)
}

// Never echo a Redis password into logs.
function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparseable URL)'
  }
}
