import 'server-only'
// Admins manage who may sign in and with which role. Every change goes through ./editing.ts
// (version check, audit; never a password or its hash in the log), and none may leave the site
// without an enabled admin or lock the acting admin out of their own account.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import { generatePassword, hashPassword, passwordProblem } from '@/lib/crypto/password'
import { revokeEditorSessions, type EditorRole, type SignedInEditor } from './sessions'
import {
  createAudited,
  updateAudited,
  type Db,
  type EntityWriter,
  type FieldErrors,
  type SaveOutcome,
  type Stored,
  type Tx,
} from './editing'
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

// --- The record as writes see it -------------------------------------------------------------------

type EditorState = { role: EditorRole; disabled: boolean }

export const EMAIL_TAKEN = 'An editor with this email already exists.'

export const EDITORS: EntityWriter<'Editor', EditorState> = {
  entity: 'Editor',
  unique: { field: 'email', message: EMAIL_TAKEN },
  async read(db: Db, id: string) {
    const row = await db.editor.findUnique({
      where: { id },
      select: { email: true, name: true, role: true, disabledAt: true, version: true, updatedAt: true },
    })
    if (!row) return null
    const disabled = row.disabledAt !== null
    return {
      version: row.version,
      updatedAt: row.updatedAt,
      summary: {
        email: row.email,
        name: row.name,
        role: row.role.toLowerCase(),
        access: disabled ? 'disabled' : 'enabled',
      },
      refs: { role: row.role, disabled },
    }
  },
}

// --- Creating --------------------------------------------------------------------------------------

export type EditorOutcome = SaveOutcome<EditorState> & { generatedPassword?: string; sessionsRevoked?: number }

export async function createEditor(
  input: z.infer<typeof newEditorSchema>,
  actor: SignedInEditor,
): Promise<EditorOutcome> {
  const password = input.password ?? generatePassword()
  const passwordHash = await hashPassword(password) // slow on purpose: before the transaction, not inside it
  const created = await createAudited(EDITORS, {
    editor: actor,
    verb: 'create',
    async checks(): Promise<FieldErrors> {
      return (await prisma().editor.count({ where: { email: input.email } })) ? { email: EMAIL_TAKEN } : {}
    },
    // Two admins creating the same address at once: the unique index decides (EDITORS.unique).
    create: (tx) =>
      tx.editor.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: { id: true },
      }),
  })
  return created.ok && !input.password ? { ...created, generatedPassword: password } : created
}

// --- Changing --------------------------------------------------------------------------------------

const isEnabledAdmin = (editor: EditorState) => editor.role === 'ADMIN' && !editor.disabled

export const SELF_REFUSED = 'Nothing was changed: you cannot demote or disable yourself. Ask another admin.'
export const LAST_ADMIN_REFUSED = 'Nothing was changed: the site needs at least one enabled admin.'

/**
 * Refuses a change that would leave no enabled admin, or take the acting admin's own rights.
 * Locking the enabled admins serialises such changes: two admins demoting each other at once would
 * otherwise each see the other still there, and both succeed.
 */
function keepsAnAdmin(actor: SignedInEditor, id: string, removesAdmin: (before: EditorState) => boolean) {
  return async (tx: Tx, before: Stored<EditorState>) => {
    const admins = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Editor" WHERE role = 'ADMIN' AND "disabledAt" IS NULL ORDER BY id FOR UPDATE`
    if (!removesAdmin(before.refs)) return null
    if (id === actor.id) return SELF_REFUSED
    return admins.some((admin) => admin.id !== id) ? null : LAST_ADMIN_REFUSED
  }
}

/** Name and role. A role change takes effect on the editor's next request (sessions read it live). */
export function updateEditor(
  input: z.infer<typeof editorChangesSchema>,
  actor: SignedInEditor,
): Promise<EditorOutcome> {
  const { id, version, name, role } = input
  return updateAudited(EDITORS, {
    record: { id, version },
    editor: actor,
    verb: 'update',
    guard: keepsAnAdmin(actor, id, (before) => isEnabledAdmin(before) && role !== 'ADMIN'),
    write: (tx, where) => tx.editor.updateMany({ where, data: { name, role, version: { increment: 1 } } }),
  })
}

/** Ends the editor's sessions (but `keep`) once the write went through, in its transaction. */
export async function revokingSessions(
  tx: Tx,
  write: Promise<{ count: number }>,
  editorId: string,
  keep?: string,
): Promise<{ count: number; note?: { sessionsRevoked: number } }> {
  const { count } = await write
  if (count === 0) return { count }
  return { count, note: { sessionsRevoked: await revokeEditorSessions(editorId, { db: tx, keep }) } }
}

/** How many sessions a write ended (its audit note says). */
export const sessionsRevoked = (outcome: SaveOutcome<unknown>) =>
  outcome.ok ? Number(outcome.note?.sessionsRevoked ?? 0) : 0

/** Disabling ends the editor's sessions in the same transaction. */
export async function setEditorDisabled(
  input: z.infer<typeof editorAccessSchema>,
  actor: SignedInEditor,
): Promise<EditorOutcome> {
  const { id, version, disabled } = input
  const outcome = await updateAudited(EDITORS, {
    record: { id, version },
    editor: actor,
    verb: disabled ? 'disable' : 'enable',
    guard: keepsAnAdmin(actor, id, (before) => disabled && isEnabledAdmin(before)),
    write: (tx, where) => {
      const write = tx.editor.updateMany({
        where,
        data: { disabledAt: disabled ? new Date() : null, version: { increment: 1 } },
      })
      return disabled ? revokingSessions(tx, write, id) : write
    },
  })
  return outcome.ok ? { ...outcome, sessionsRevoked: sessionsRevoked(outcome) } : outcome
}

export const OWN_PASSWORD_REFUSED = 'Change your own password on the Account page: it asks for your current one.'

/**
 * Sets a new password (the admin's or a generated one) and ends the editor's sessions. Admins change
 * their own on the account page, which asks for the current one: a borrowed session is not enough.
 */
export async function resetEditorPassword(
  input: z.infer<typeof passwordResetSchema>,
  actor: SignedInEditor,
): Promise<EditorOutcome> {
  if (input.id === actor.id) return { ok: false, reason: 'blocked', message: OWN_PASSWORD_REFUSED }
  const password = input.password ?? generatePassword()
  const passwordHash = await hashPassword(password)
  const outcome = await updateAudited(EDITORS, {
    record: { id: input.id, version: input.version },
    editor: actor,
    verb: 'password-reset',
    write: async (tx, where) => {
      const write = tx.editor.updateMany({ where, data: { passwordHash, version: { increment: 1 } } })
      const { count, note } = await revokingSessions(tx, write, input.id)
      return { count, note: { ...note, newPassword: input.password ? 'chosen by the admin' : 'generated' } }
    },
  })
  if (!outcome.ok) return outcome
  return {
    ...outcome,
    sessionsRevoked: sessionsRevoked(outcome),
    ...(input.password ? {} : { generatedPassword: password }),
  }
}
