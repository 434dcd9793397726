import 'server-only'
// Signing in: rate-limited per account and per address, one answer for every failure (no hint
// whether the email exists), and a hash check of the same cost either way.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import { hashIp } from '@/lib/data/reactions'
import { rateLimit, resetRateLimit } from '@/lib/http/rate-limit'
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password'
import { createSession } from './sessions'

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter the email address you were invited with.').max(200),
  password: z.string().min(1, 'Enter your password.').max(200),
})

export type LoginResult = { ok: true; token: string; expiresAt: Date } | { ok: false; error: string; retryAfterSeconds?: number }

const WINDOW = 15 * 60
export const LOGIN_FAILED = 'That email and password do not match an editor account.'

export async function signIn(input: z.infer<typeof loginSchema>, meta: { ip: string; userAgent?: string }): Promise<LoginResult> {
  const ipHash = hashIp(meta.ip)
  for (const [name, subject, limit] of [
    ['login-account', input.email, 5],
    ['login-ip', ipHash, 20],
  ] as const) {
    const result = await rateLimit(name, subject, limit, WINDOW)
    if (!result.allowed) return { ok: false, error: 'Too many sign-in attempts. Wait 15 minutes and try again.', retryAfterSeconds: result.retryAfterSeconds }
  }
  const editor = await prisma().editor.findUnique({ where: { email: input.email } })
  const valid = await verifyPassword(input.password, editor?.passwordHash ?? (await dummyPasswordHash()))
  if (!editor || !valid || editor.disabledAt) return { ok: false, error: LOGIN_FAILED }
  // Only failures should add up against an account: its owner's own sign-ins start it afresh.
  await resetRateLimit('login-account', input.email)
  const session = await createSession(editor.id, { ipHash, userAgent: meta.userAgent })
  await prisma().auditEvent.create({ data: { editorId: editor.id, action: 'sign-in', entityType: 'Editor', entityId: editor.id } })
  return { ok: true, ...session }
}

/** Creates or updates an editor (CLI and admin page). Throws with a readable message on bad input. */
export async function upsertEditor(input: { email: string; password: string; role: 'ADMIN' | 'EDITOR'; name?: string }) {
  const email = z.string().trim().toLowerCase().email().safeParse(input.email)
  if (!email.success) throw new Error(`"${input.email}" is not an email address.`)
  const problem = passwordProblem(input.password)
  if (problem) throw new Error(problem)
  const passwordHash = await hashPassword(input.password)
  return prisma().editor.upsert({
    where: { email: email.data },
    create: { email: email.data, passwordHash, role: input.role, name: input.name ?? '' },
    update: { passwordHash, role: input.role, disabledAt: null, version: { increment: 1 } },
  })
}
