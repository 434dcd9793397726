// One-way hashes for values we must recognise but never keep: visitors' addresses (rate limits,
// comments' abuse trail) and editors' session tokens.
import { createHash } from 'node:crypto'
import { settings } from '@/lib/env'

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** An address, salted with HASH_SALT so the hashes cannot be reversed by hashing every address. */
export function hashIp(ip: string): string {
  const salt = settings().HASH_SALT ?? 'development-only-salt'
  return sha256Hex(`${salt}:${ip}`).slice(0, 32)
}
