import 'server-only'
// Signing in: rate-limited per account and per address, one answer for every failure (no hint
// whether the email exists), and a hash check of the same cost either way. Also the editor's own
// password change, which proves the current password under the same kind of limit.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import { hashIp } from '@/lib/data/reactions'
import { rateLimit, resetRateLimit } from '@/lib/http/rate-limit'
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password'
import { createSession, revokeEditorSessions, type SignedInEditor } from './sessions'

/** Editors' emails are stored trimmed and lower-case: one account per address, however it is typed. */
export const editorEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .email('Enter an email address, e.g. name@example.com.')
  .max(200, 'Emails are at most 200 characters.')
export const editorRoleSchema = z.enum(['ADMIN', 'EDITOR'], { message: 'Choose admin or editor.' })
/** A password that meets passwordProblem's rules, as a form field. */
export const newPasswordSchema = z.string().superRefine((value, context) => {
  const problem = passwordProblem(value)
  if (problem) context.addIssue({ code: 'custom', message: problem })
})

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter the email address you were invited with.').max(200),
  password: z.string().min(1, 'Enter your password.').max(200),
})

export type LoginResult =
  { ok: true; token: string; expiresAt: Date } | { ok: false; error: string; retryAfterSeconds?: number }

const WINDOW = 15 * 60
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
    const result = await rateLimit(name, subject, limit, WINDOW)
    if (!result.allowed)
      return {
        ok: false,
        error: 'Too many sign-in attempts. Wait 15 minutes and try again.',
        retryAfterSeconds: result.retryAfterSeconds,
      }
  }
  const editor = await prisma().editor.findUnique({ where: { email: input.email } })
  const valid = await verifyPassword(input.password, editor?.passwordHash ?? (await dummyPasswordHash()))
  if (!editor || !valid || editor.disabledAt) return { ok: false, error: LOGIN_FAILED }
  // Only failures should add up against an account: its owner's own sign-ins start it afresh.
  await resetRateLimit('login-account', input.email)
  const session = await createSession(editor.id, { ipHash, userAgent: meta.userAgent })
  await prisma().auditEvent.create({
    data: { editorId: editor.id, action: 'sign-in', entityType: 'Editor', entityId: editor.id },
  })
  return { ok: true, ...session }
}

/** Creates or updates an editor (the admin:create CLI). Throws with a readable message on bad input. */
export async function upsertEditor(input: {
  email: string
  password: string
  role: 'ADMIN' | 'EDITOR'
  name?: string
}) {
  const email = editorEmailSchema.safeParse(input.email)
  if (!email.success) throw new Error(`"${input.email}" is not an email address.`)
  const password = newPasswordSchema.safeParse(input.password)
  if (!password.success) throw new Error(password.error.issues[0]!.message)
  const passwordHash = await hashPassword(password.data)
  return prisma().editor.upsert({
    where: { email: email.data },
    create: { email: email.data, passwordHash, role: input.role, name: input.name ?? '' },
    update: { passwordHash, role: input.role, disabledAt: null, version: { increment: 1 } },
  })
}

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

/**
 * Changes the signed-in editor's password when they prove the current one. Their other sessions end
 * (a password change is how editors lock out a lost laptop); the one they are using stays.
 */
export async function changeOwnPassword(
  input: z.infer<typeof ownPasswordSchema>,
  editor: SignedInEditor,
): Promise<OwnPasswordResult> {
  // A stolen session must not be a way to guess the password at scrypt's speed.
  if (!(await rateLimit('password-change', editor.id, 5, WINDOW)).allowed) return { ok: false, reason: 'rate-limited' }
  const row = await prisma().editor.findUnique({
    where: { id: editor.id },
    select: { passwordHash: true, version: true },
  })
  if (!row || !(await verifyPassword(input.current, row.passwordHash))) return { ok: false, reason: 'wrong-password' }
  const passwordHash = await hashPassword(input.password)
  const result = await prisma().$transaction(async (tx) => {
    // Matched on the version read before the (slow) hashing: an admin's reset meanwhile wins.
    const updated = await tx.editor.updateMany({
      where: { id: editor.id, version: row.version },
      data: { passwordHash, version: { increment: 1 } },
    })
    if (updated.count === 0) return { ok: false as const, reason: 'changed-meanwhile' as const }
    const sessionsRevoked = await revokeEditorSessions(editor.id, { keep: editor.sessionId, db: tx })
    await tx.auditEvent.create({
      data: {
        editorId: editor.id,
        action: 'editor.password-change',
        entityType: 'Editor',
        entityId: editor.id,
        after: { sessionsRevoked },
      },
    })
    return { ok: true as const, sessionsRevoked }
  })
  if (result.ok) await resetRateLimit('password-change', editor.id)
  return result
}
