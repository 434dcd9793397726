// Fixed-window rate limits in the shared KV, so every instance counts together.
import { hashIp } from '@/lib/crypto/hash'
import { keyValueStore } from '@/lib/kv'
import type { VisitorAnswer } from './visitor'

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

/**
 * A visitor's writes are limited per visitor and per address over ten minutes: a script that drops
 * its cookie is a new visitor each time, but not a new address. Returns the 429 to answer, or null.
 */
export async function refusedByVisitorLimits(
  action: 'like' | 'comment',
  limits: { perVisitor: number; perAddress: number },
  visitorId: string,
  ip: string,
  message: string,
): Promise<VisitorAnswer | null> {
  const checks = [
    [`${action}-visitor`, visitorId, limits.perVisitor],
    [`${action}-ip`, hashIp(ip), limits.perAddress],
  ] as const
  for (const [name, subject, limit] of checks) {
    const result = await rateLimit(name, subject, limit, 600)
    if (!result.allowed)
      return { status: 429, body: { error: message }, headers: { 'Retry-After': String(result.retryAfterSeconds) } }
  }
  return null
}
