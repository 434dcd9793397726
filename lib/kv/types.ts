// The one key-value interface: short-lived caches (live offers), rate limits and counters.
// Drivers: memory (default, one process), Redis (REDIS_URL; shared by several dynos) and Upstash
// REST (KV_REST_API_URL + KV_REST_API_TOKEN; Vercel). Values are JSON.

export interface KeyValueStore {
  readonly driver: 'memory' | 'redis' | 'upstash'
  /** The stored value, or null when missing or expired. */
  get<T>(key: string): Promise<T | null>
  /** Several values in one round trip (Redis MGET), in the keys' order; null where missing. */
  getMany<T>(keys: string[]): Promise<(T | null)[]>
  /** Stores a JSON-serialisable value that expires after ttlSeconds (at least 1). */
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>
  delete(key: string): Promise<void>
  /**
   * Adds 1 to a counter and returns the new count. The counter expires ttlSeconds after it was
   * created (a fixed window: the basis of rate limits).
   */
  increment(key: string, ttlSeconds: number): Promise<number>
  /**
   * Asks the store itself whether it answers (the readiness check): a shared store with a local
   * fallback is asked past its fallback, so an outage shows here while calls are served locally.
   */
  ping(): Promise<void>
  /** Closes connections (CLI scripts and tests). */
  close(): Promise<void>
}
