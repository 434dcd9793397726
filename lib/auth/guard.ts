import 'server-only'
// Every admin page, server action and route handler calls one of these itself: access is never
// left to a proxy. Pages redirect to the sign-in page; actions and APIs answer 401/403.
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import type { NextRequest } from 'next/server'
import { jsonError } from '@/lib/http/responses'
import { findSession, type EditorRole, type SignedInEditor } from '@/lib/data/admin/sessions'
import { SESSION_COOKIE } from './session-cookie'

export class AccessError extends Error {
  constructor(readonly status: 401 | 403) {
    super(status === 401 ? 'Please sign in again.' : 'Your role does not allow this.')
  }
}

const allows = (editor: SignedInEditor, role?: EditorRole) => !role || role === 'EDITOR' || editor.role === 'ADMIN'

export async function currentEditor(): Promise<SignedInEditor | null> {
  return findSession((await cookies()).get(SESSION_COOKIE)?.value)
}

/** For admin pages: the signed-in editor, or a redirect to sign in (or to /admin when the role is too low). */
export async function requireEditorPage(path: string, role?: EditorRole): Promise<SignedInEditor> {
  const editor = await currentEditor()
  if (!editor) redirect(`/admin/login?next=${encodeURIComponent(path)}`)
  if (!allows(editor, role)) redirect('/admin?denied=1')
  return editor
}

/** For server actions: the editor, or an AccessError the action turns into its error state. */
export async function requireEditorAction(role?: EditorRole): Promise<SignedInEditor> {
  const editor = await currentEditor()
  if (!editor) throw new AccessError(401)
  if (!allows(editor, role)) throw new AccessError(403)
  return editor
}

/** For server actions that return a state: the editor, or the message to show instead. */
export async function editorForAction(role?: EditorRole): Promise<SignedInEditor | { error: string }> {
  try {
    return await requireEditorAction(role)
  } catch (error) {
    if (error instanceof AccessError) return { error: error.message }
    throw error
  }
}

/** For route handlers: the editor, or the 401/403 response to return. */
export async function requireEditorRequest(
  request: NextRequest,
  role?: EditorRole,
): Promise<SignedInEditor | Response> {
  const editor = await findSession(request.cookies.get(SESSION_COOKIE)?.value)
  if (!editor) return jsonError(401, 'Sign in first.')
  if (!allows(editor, role)) return jsonError(403, 'Your role does not allow this.')
  return editor
}

/** Only same-site relative paths: a sign-in link must not send editors elsewhere. */
export function safeNextPath(next: unknown): string {
  return typeof next === 'string' && /^\/admin(\/[\w\-/?=&%.]*)?$/.test(next) ? next : '/admin'
}
