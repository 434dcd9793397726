// Checking what callers present as proof of a shared secret (a bearer token, an HMAC signature),
// in constant time: how long a refusal takes says nothing about the secret. No I/O.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** Whether two secrets are the same text. */
export function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)]
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Whether `signature` ("sha256=<hex>") is the HMAC-SHA256 of `body` with `secret`. */
export function signedWithHmacSha256(secret: string, body: string, signature: string | null): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(signature?.trim() ?? '')?.[1]
  if (!given) return false
  return timingSafeEqual(Buffer.from(given, 'hex'), createHmac('sha256', secret).update(body).digest())
}
