// Fixed-window rate limits in the shared KV, so every instance counts together.
import { keyValueStore } from '@/lib/kv'

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number }

export async function rateLimit(
  name: string,
  subject: string,
  limit: number,
  windowSeconds: number,
): Promise<RateLimitResult> {
  const count = await keyValueStore().increment(`ratelimit:${name}:${subject}`, windowSeconds)
  return { allowed: count <= limit, retryAfterSeconds: windowSeconds }
}

/** Forgets a subject's count, e.g. an account's failed sign-ins once it signs in. */
export async function resetRateLimit(name: string, subject: string): Promise<void> {
  await keyValueStore().delete(`ratelimit:${name}:${subject}`)
}
