import 'server-only'
// Admins manage who may sign in and with which role. Every change is version-checked and audited
// (never with a password or its hash), and none may leave the site without an enabled admin or
// lock the acting admin out of their own account.
import { z } from 'zod'
import { isConstraintError, prisma, type Prisma } from '@/lib/db/client'
import { editorEmailSchema, editorRoleSchema, newPasswordSchema } from '@/lib/auth/editors'
import { generatePassword, hashPassword } from '@/lib/auth/password'
import { revokeEditorSessions, type EditorRole, type SignedInEditor } from '@/lib/auth/sessions'
import { identity } from './fields'

export type AdminEditorRow = {
  id: string
  email: string
  name: string
  role: EditorRole
  disabled: boolean
  lastSignInAt: string | null
  version: number
}

export async function listEditorsForAdmins(): Promise<AdminEditorRow[]> {
  const [rows, signIns] = await Promise.all([
    prisma().editor.findMany({
      orderBy: { email: 'asc' },
      select: { id: true, email: true, name: true, role: true, disabledAt: true, version: true },
    }),
    // Each sign-in opens a session: the newest one per editor is one grouped read on an indexed column.
    prisma().session.groupBy({ by: ['editorId'], _max: { createdAt: true } }),
  ])
  const lastSignIn = new Map(signIns.map((row) => [row.editorId, row._max.createdAt]))
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    lastSignInAt: lastSignIn.get(row.id)?.toISOString() ?? null,
    version: row.version,
  }))
}

export async function getEditorForAdmins(id: string): Promise<(AdminEditorRow & { updatedAt: string }) | null> {
  const [row, session] = await Promise.all([
    prisma().editor.findUnique({
      where: { id },
      select: { id: true, email: true, name: true, role: true, disabledAt: true, version: true, updatedAt: true },
    }),
    prisma().session.findFirst({
      where: { editorId: id },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    }),
  ])
  if (!row) return null
  return {
    ...row,
    disabled: row.disabledAt !== null,
    lastSignInAt: session?.createdAt.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  }
}

// --- Inputs ----------------------------------------------------------------------------------------

const nameSchema = z.string().trim().max(100, 'Names are at most 100 characters.')
/** Empty means "generate one": it is shown once to the admin, who passes it on. */
const chosenOrGeneratedPassword = z
  .string()
  .transform((value) => value || undefined)
  .pipe(newPasswordSchema.optional())

export const newEditorSchema = z.object({
  email: editorEmailSchema,
  name: nameSchema,
  role: editorRoleSchema,
  password: chosenOrGeneratedPassword,
})
export const editorChangesSchema = z.object({ ...identity, name: nameSchema, role: editorRoleSchema })
export const editorAccessSchema = z.object({ ...identity, disabled: z.boolean() })
export const passwordResetSchema = z.object({ ...identity, password: chosenOrGeneratedPassword })

// --- Creating --------------------------------------------------------------------------------------

export type CreateEditorResult =
  { ok: true; id: string; generatedPassword: string | null } | { ok: false; reason: 'email-taken' }

export async function createEditor(
  input: z.infer<typeof newEditorSchema>,
  actor: SignedInEditor,
): Promise<CreateEditorResult> {
  const password = input.password ?? generatePassword()
  const passwordHash = await hashPassword(password) // slow on purpose: before the transaction, not inside it
  try {
    return await prisma().$transaction(async (tx) => {
      if (await tx.editor.findUnique({ where: { email: input.email }, select: { id: true } }))
        return { ok: false as const, reason: 'email-taken' as const }
      const created = await tx.editor.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: { id: true },
      })
      await tx.auditEvent.create({
        data: {
          editorId: actor.id,
          action: 'editor.create',
          entityType: 'Editor',
          entityId: created.id,
          after: { email: input.email, name: input.name, role: input.role },
        },
      })
      return { ok: true as const, id: created.id, generatedPassword: input.password ? null : password }
    })
  } catch (error) {
    // Two admins creating the same address at once: the unique index decides.
    if (isConstraintError(error, 'P2002')) return { ok: false, reason: 'email-taken' }
    throw error
  }
}

// --- Changing --------------------------------------------------------------------------------------

export type EditorSnapshot = { name: string; role: EditorRole; disabled: boolean; version: number; updatedAt: string }
export type EditorChangeResult =
  | { ok: true; version: number; sessionsRevoked: number }
  | { ok: false; reason: 'missing' | 'self' | 'last-admin' | 'own-password' }
  | { ok: false; reason: 'conflict'; current: EditorSnapshot }

type EditorState = {
  id: string
  name: string
  role: EditorRole
  disabledAt: Date | null
  version: number
  updatedAt: Date
}
type Change = {
  action: string
  data: Prisma.EditorUpdateManyMutationInput
  /** Whether the editor stops being an enabled admin: guarded against the self and last-admin cases. */
  removesAdmin?: (before: EditorState) => boolean
  revokeSessions?: boolean
  audit: (before: EditorState) => { before: Prisma.InputJsonObject; after: Prisma.InputJsonObject }
}

const snapshot = (row: EditorState): EditorSnapshot => ({
  name: row.name,
  role: row.role,
  disabled: row.disabledAt !== null,
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
})
const editorState = { id: true, name: true, role: true, disabledAt: true, version: true, updatedAt: true } as const

/** The one path every change takes: version check, admin-cover guard, write, revocation, audit. */
async function changeEditor(
  target: { id: string; version: number },
  actor: SignedInEditor,
  change: Change,
): Promise<EditorChangeResult> {
  return prisma().$transaction(async (tx) => {
    // Locking the enabled admins serialises changes that could remove one: two admins demoting
    // each other at once would otherwise each see the other still there, and both succeed.
    const admins = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Editor" WHERE role = 'ADMIN' AND "disabledAt" IS NULL ORDER BY id FOR UPDATE`
    const before = await tx.editor.findUnique({ where: { id: target.id }, select: editorState })
    if (!before) return { ok: false as const, reason: 'missing' as const }
    if (before.version !== target.version)
      return { ok: false as const, reason: 'conflict' as const, current: snapshot(before) }
    if (change.removesAdmin?.(before)) {
      if (before.id === actor.id) return { ok: false as const, reason: 'self' as const }
      if (!admins.some((admin) => admin.id !== before.id)) return { ok: false as const, reason: 'last-admin' as const }
    }
    const updated = await tx.editor.updateMany({
      where: { id: before.id, version: before.version },
      data: { ...change.data, version: { increment: 1 } },
    })
    if (updated.count === 0) {
      const current = await tx.editor.findUniqueOrThrow({ where: { id: before.id }, select: editorState })
      return { ok: false as const, reason: 'conflict' as const, current: snapshot(current) }
    }
    const sessionsRevoked = change.revokeSessions ? await revokeEditorSessions(before.id, { db: tx }) : 0
    const { before: was, after } = change.audit(before)
    await tx.auditEvent.create({
      data: {
        editorId: actor.id,
        action: change.action,
        entityType: 'Editor',
        entityId: before.id,
        before: was,
        after: change.revokeSessions ? { ...after, sessionsRevoked } : after,
      },
    })
    return { ok: true as const, version: before.version + 1, sessionsRevoked }
  })
}

const isEnabledAdmin = (editor: EditorState) => editor.role === 'ADMIN' && editor.disabledAt === null

/** Name and role. A role change takes effect on the editor's next request (sessions read it live). */
export function updateEditor(
  input: z.infer<typeof editorChangesSchema>,
  actor: SignedInEditor,
): Promise<EditorChangeResult> {
  return changeEditor(input, actor, {
    action: 'editor.update',
    data: { name: input.name, role: input.role },
    removesAdmin: (before) => isEnabledAdmin(before) && input.role !== 'ADMIN',
    audit: (before) => ({
      before: { name: before.name, role: before.role },
      after: { name: input.name, role: input.role },
    }),
  })
}

/** Disabling ends the editor's sessions in the same transaction: access stops on their next request. */
export function setEditorDisabled(
  input: z.infer<typeof editorAccessSchema>,
  actor: SignedInEditor,
): Promise<EditorChangeResult> {
  return changeEditor(input, actor, {
    action: input.disabled ? 'editor.disable' : 'editor.enable',
    data: { disabledAt: input.disabled ? new Date() : null },
    removesAdmin: (before) => input.disabled && isEnabledAdmin(before),
    revokeSessions: input.disabled,
    audit: (before) => ({ before: { disabled: before.disabledAt !== null }, after: { disabled: input.disabled } }),
  })
}

/**
 * Sets a new password (the admin's or a generated one) and ends the editor's sessions. Admins change
 * their own on the account page, which asks for the current one: a borrowed session is not enough.
 */
export async function resetEditorPassword(
  input: z.infer<typeof passwordResetSchema>,
  actor: SignedInEditor,
): Promise<EditorChangeResult & { generatedPassword?: string }> {
  if (input.id === actor.id) return { ok: false, reason: 'own-password' }
  const password = input.password ?? generatePassword()
  const passwordHash = await hashPassword(password)
  const result = await changeEditor(input, actor, {
    action: 'editor.password-reset',
    data: { passwordHash },
    revokeSessions: true,
    audit: () => ({ before: {}, after: { newPassword: input.password ? 'chosen by the admin' : 'generated' } }),
  })
  return result.ok && !input.password ? { ...result, generatedPassword: password } : result
}
