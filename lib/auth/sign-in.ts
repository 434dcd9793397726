import 'server-only'
// Signing in: rate-limited per account and per address, one answer for every failure (no hint
// whether the email exists), and a hash check of the same cost either way.
import { z } from 'zod'
import { hashIp } from '@/lib/crypto/hash'
import { dummyPasswordHash, verifyPassword } from '@/lib/crypto/password'
import { findEditorForSignIn, openSession } from '@/lib/data/admin/editor-accounts'
import { rateLimit, resetRateLimit } from '@/lib/http/rate-limit'

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter the email address you were invited with.').max(200),
  password: z.string().min(1, 'Enter your password.').max(200),
})

export type LoginResult =
  { ok: true; token: string; expiresAt: Date } | { ok: false; error: string; retryAfterSeconds?: number }

/** Sign-in and password-change attempts are counted over this many seconds. */
export const ATTEMPT_WINDOW_SECONDS = 15 * 60
export const LOGIN_FAILED = 'That email and password do not match an editor account.'

export async function signIn(
  input: z.infer<typeof loginSchema>,
  meta: { ip: string; userAgent?: string },
): Promise<LoginResult> {
  const ipHash = hashIp(meta.ip)
  for (const [name, subject, limit] of [
    ['login-account', input.email, 5],
    ['login-ip', ipHash, 20],
  ] as const) {
    const result = await rateLimit(name, subject, limit, ATTEMPT_WINDOW_SECONDS)
    if (!result.allowed)
      return {
        ok: false,
        error: 'Too many sign-in attempts. Wait 15 minutes and try again.',
        retryAfterSeconds: result.retryAfterSeconds,
      }
  }
  const editor = await findEditorForSignIn(input.email)
  const valid = await verifyPassword(input.password, editor?.passwordHash ?? (await dummyPasswordHash()))
  if (!editor || !valid || editor.disabled) return { ok: false, error: LOGIN_FAILED }
  // Only failures should add up against an account: its owner's own sign-ins start it afresh.
  await resetRateLimit('login-account', input.email)
  return { ok: true, ...(await openSession(editor.id, { ipHash, userAgent: meta.userAgent })) }
}
