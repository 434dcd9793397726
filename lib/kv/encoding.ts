// What every KV driver stores and how long: shared by the three drivers, so that memory, Redis and
// Upstash keep the same bytes and round expiry the same way.

/** JSON text of a value; values are stored serialised so a caller can't mutate what others read. */
export function encodeValue(value: unknown): string {
  const json = JSON.stringify(value)
  if (json === undefined) throw new TypeError(`KV values must be JSON-serialisable (got ${typeof value})`)
  return json
}

/** Redis's EX takes whole seconds and rejects 0, so round up and keep at least 1. */
export function wholeSeconds(ttlSeconds: number): number {
  if (!Number.isFinite(ttlSeconds)) throw new RangeError(`KV ttlSeconds must be a finite number (got ${ttlSeconds})`)
  return Math.max(1, Math.ceil(ttlSeconds))
}
