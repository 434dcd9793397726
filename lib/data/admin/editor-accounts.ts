import 'server-only'
// An editor's own account, as sign-in and the account page need it: the stored password hash, the
// session a sign-in opens (with its audit event), the editor's own password change; and the
// admin:create command's upsert.
import { prisma } from '@/lib/db/client'
import { hashPassword } from '@/lib/crypto/password'
import { createSession, type SignedInEditor } from './sessions'
import { recordAudit, updateAudited, type SaveOutcome } from './editing'
import { EDITORS, editorEmailSchema, newPasswordSchema, revokingSessions, sessionsRevoked } from './editors'

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

/** Creates or updates an editor (the admin:create command). Throws with a readable message on bad input. */
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
