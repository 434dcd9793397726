import 'server-only'
// An editor's own account, as sign-in and the account page need it: the stored password hash, the
// session a sign-in opens (with its audit event), the editor's own password change; and the
// admin:create command's upsert.
import { prisma } from '@/lib/db/client'
import { hashPassword } from '@/lib/crypto/password'
import { createSession, revokeEditorSessions, type SignedInEditor } from './sessions'
import { recordAudit, updateAudited, type SaveOutcome } from './editing'
import { EDITORS, editorEmailSchema, newPasswordSchema, revokingSessions, sessionsRevoked } from './editors'
import { auditAction } from './audit-actions'

/** What a sign-in checks: the stored hash and whether the account is disabled; null when no such editor. */
export async function findEditorForSignIn(
  email: string,
): Promise<{ id: string; passwordHash: string; disabled: boolean } | null> {
  const row = await prisma().editor.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true },
  })
  return row && { id: row.id, passwordHash: row.passwordHash, disabled: row.disabledAt !== null }
}

/** Opens a session for an editor who proved their password, recorded in the audit log. */
export function openSession(editorId: string, meta: { ipHash: string; userAgent?: string }) {
  return prisma().$transaction(async (tx) => {
    const session = await createSession(editorId, meta, tx)
    await recordAudit(tx, { actor: { id: editorId }, entity: 'Editor', verb: 'sign-in', entityId: editorId })
    return session
  })
}

/** The signed-in editor's stored hash and version, for proving the current password before a change. */
export async function readOwnPassword(
  editor: SignedInEditor,
): Promise<{ passwordHash: string; version: number } | null> {
  return prisma().editor.findUnique({ where: { id: editor.id }, select: { passwordHash: true, version: true } })
}

/**
 * Stores the new hash at the version read before the (slow) hashing, so an admin's reset meanwhile
 * wins; the editor's other sessions end (a password change is how editors lock out a lost laptop),
 * the one they are using stays.
 */
export async function setOwnPassword(
  editor: SignedInEditor,
  version: number,
  passwordHash: string,
): Promise<SaveOutcome<unknown> & { sessionsRevoked?: number }> {
  const outcome = await updateAudited(EDITORS, {
    record: { id: editor.id, version },
    editor,
    verb: 'password-change',
    write: (tx, where) =>
      revokingSessions(
        tx,
        tx.editor.updateMany({ where, data: { passwordHash, version: { increment: 1 } } }),
        editor.id,
        editor.sessionId,
      ),
  })
  return outcome.ok ? { ...outcome, sessionsRevoked: sessionsRevoked(outcome) } : outcome
}

/** Who the audit log names for the admin:create command, which no signed-in editor runs. */
export const COMMAND_LINE = 'npm run admin:create'

/**
 * Creates or resets an editor (the admin:create command): a reset sets the password and role,
 * enables the account and ends its sessions (as a reset from the admin does). Either is recorded
 * in the audit log, by the command line, in the same transaction. Throws with a readable message
 * on bad input.
 */
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
  return prisma().$transaction(async (tx) => {
    const before = await tx.editor.findUnique({
      where: { email: email.data },
      select: { role: true, disabledAt: true },
    })
    const editor = await tx.editor.upsert({
      where: { email: email.data },
      create: { email: email.data, passwordHash, role: input.role, name: input.name ?? '' },
      update: { passwordHash, role: input.role, disabledAt: null, version: { increment: 1 } },
    })
    const sessionsRevoked = before ? await revokeEditorSessions(editor.id, { db: tx }) : 0
    await tx.auditEvent.create({
      data: {
        editorId: null,
        action: auditAction('Editor', before ? 'password-reset' : 'create'),
        entityType: 'Editor',
        entityId: editor.id,
        before: before ? { role: before.role, disabled: before.disabledAt !== null } : undefined,
        after: {
          email: editor.email,
          role: editor.role,
          disabled: false,
          ...(before ? { sessionsRevoked } : {}),
          by: COMMAND_LINE,
        },
      },
    })
    return editor
  })
}
