// Editors' passwords: scrypt (memory-hard) from Node's own crypto, with a random salt per
// password. The stored string names its parameters, so they can be raised later and old hashes
// still verify: scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const N = 2 ** 15 // 32 MiB per hash: strong, yet a login burst fits a 512 MB dyno
const r = 8
const p = 1
const KEY_LENGTH = 32

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 256 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  )
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, { N, r, p })
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(rr), p: Number(pp) })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

// Verifying against this when the email is unknown takes as long as a real check, so response
// times do not tell which emails have accounts.
let dummy: Promise<string> | undefined
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'))
  return dummy
}

/** Rules for new passwords: long beats clever. */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'Passwords need at least 12 characters.'
  if (password.length > 200) return 'Passwords are at most 200 characters.'
  return null
}

export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}
