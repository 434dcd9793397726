import 'server-only'
// Editors' sessions: a random token (the browser keeps it in an httpOnly cookie, see
// lib/auth/session-cookie.ts); the database keeps only its SHA-256, so a leaked table opens no
// session. Sessions end on logout, on expiry (absolute), after a day without use (idle), when
// revoked, or when the editor is disabled.
import { randomBytes } from 'node:crypto'
import { prisma, type Prisma } from '@/lib/db/client'
import { sha256Hex } from '@/lib/crypto/hash'

export const SESSION_LIFETIME_MS = 7 * 24 * 3600 * 1000
export const SESSION_IDLE_MS = 24 * 3600 * 1000
const TOUCH_EVERY_MS = 60 * 1000

export type EditorRole = 'ADMIN' | 'EDITOR'
export type SignedInEditor = { id: string; email: string; name: string; role: EditorRole; sessionId: string }

const hashToken = sha256Hex

/** A new session for the editor; `db` is the caller's transaction when the session comes with other writes. */
export async function createSession(
  editorId: string,
  meta: { ipHash?: string; userAgent?: string } = {},
  db: Prisma.TransactionClient | ReturnType<typeof prisma> = prisma(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS)
  await db.session.create({
    data: {
      tokenHash: hashToken(token),
      editorId,
      expiresAt,
      ipHash: meta.ipHash,
      userAgent: meta.userAgent?.slice(0, 300),
    },
  })
  return { token, expiresAt }
}

export async function findSession(token: string | undefined): Promise<SignedInEditor | null> {
  if (!token || token.length > 100) return null
  const session = await prisma().session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { editor: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
  })
  const now = Date.now()
  if (!session || session.revokedAt || session.expiresAt.getTime() <= now || session.editor.disabledAt) return null
  if (now - session.lastSeenAt.getTime() > SESSION_IDLE_MS) return null
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await prisma().session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } })
  }
  const { id, email, name, role } = session.editor
  return { id, email, name, role, sessionId: session.id }
}

export async function revokeSession(token: string | undefined): Promise<void> {
  if (!token) return
  await prisma().session.updateMany({
    where: { tokenHash: hashToken(token), revokedAt: null },
    data: { revokedAt: new Date() },
  })
}

/**
 * Ends an editor's open sessions, but `keep` (the one changing its own password stays signed in).
 * Takes the caller's transaction so a disable or password change and its revocation commit together.
 */
export async function revokeEditorSessions(
  editorId: string,
  options: { keep?: string; db?: Prisma.TransactionClient } = {},
): Promise<number> {
  const db = options.db ?? prisma()
  const revoked = await db.session.updateMany({
    where: { editorId, revokedAt: null, ...(options.keep ? { id: { not: options.keep } } : {}) },
    data: { revokedAt: new Date() },
  })
  return revoked.count
}
