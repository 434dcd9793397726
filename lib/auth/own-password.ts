import 'server-only'
// The editor's own password change: proving the current password under the same kind of limit as
// sign-in, so a stolen session is not a way to guess it at scrypt's speed.
import { z } from 'zod'
import { hashPassword, verifyPassword } from '@/lib/crypto/password'
import { readOwnPassword, setOwnPassword } from '@/lib/data/admin/editor-accounts'
import { newPasswordSchema } from '@/lib/data/admin/editors'
import type { SignedInEditor } from '@/lib/data/admin/sessions'
import { rateLimit, resetRateLimit } from '@/lib/http/rate-limit'
import { ATTEMPT_WINDOW_SECONDS } from './sign-in'

export const ownPasswordSchema = z
  .object({
    current: z.string().min(1, 'Enter your current password.').max(200),
    password: newPasswordSchema,
    repeat: z.string(),
  })
  .refine((input) => input.password === input.repeat, { path: ['repeat'], message: 'The two new passwords differ.' })
  .refine((input) => input.password !== input.current, {
    path: ['password'],
    message: 'Choose a password different from the current one.',
  })

export type OwnPasswordResult =
  { ok: true; sessionsRevoked: number } | { ok: false; reason: 'wrong-password' | 'rate-limited' | 'changed-meanwhile' }

/** Changes the signed-in editor's password when they prove the current one; their other sessions end. */
export async function changeOwnPassword(
  input: z.infer<typeof ownPasswordSchema>,
  editor: SignedInEditor,
): Promise<OwnPasswordResult> {
  if (!(await rateLimit('password-change', editor.id, 5, ATTEMPT_WINDOW_SECONDS)).allowed)
    return { ok: false, reason: 'rate-limited' }
  const stored = await readOwnPassword(editor)
  if (!stored || !(await verifyPassword(input.current, stored.passwordHash)))
    return { ok: false, reason: 'wrong-password' }
  const outcome = await setOwnPassword(editor, stored.version, await hashPassword(input.password))
  if (!outcome.ok) return { ok: false, reason: 'changed-meanwhile' }
  await resetRateLimit('password-change', editor.id)
  return { ok: true, sessionsRevoked: outcome.sessionsRevoked ?? 0 }
}
