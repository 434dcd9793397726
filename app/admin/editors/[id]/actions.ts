'use server'
import { editorForAction } from '@/lib/auth/guard'
import {
  editorAccessSchema,
  editorChangesSchema,
  passwordResetSchema,
  resetEditorPassword,
  setEditorDisabled,
  updateEditor,
  type EditorOutcome,
} from '@/lib/data/admin/editors'
import { fieldErrors } from '@/lib/http/responses'
import type { ConflictView } from '@/lib/data/admin/editing'

export type EditorActionState = {
  message?: string
  error?: string
  fields?: Record<string, string>
  /** The editor's version after this save, for the next one. */
  version?: number
  conflict?: ConflictView
  /** The admin's typing in the name-and-role form, kept when the save is refused. */
  values?: { name: string; role: string }
  /** Shown once to the admin who reset the password; stored nowhere but as a hash. */
  generatedPassword?: string
}

const REFUSALS = {
  missing: 'This editor no longer exists.',
  conflict:
    'Another admin changed this editor after you opened the page. Nothing was saved: their version is below; reload to work from it.',
} as const

const sessions = (result: EditorOutcome) => {
  const count = result.sessionsRevoked ?? 0
  return `${count} open ${count === 1 ? 'session' : 'sessions'}`
}

function answer(result: EditorOutcome, message: string): EditorActionState {
  if (result.ok) return { message, version: result.version }
  switch (result.reason) {
    case 'blocked':
      return { error: result.message }
    case 'invalid':
      return { error: 'Nothing was saved: please check the highlighted fields.', fields: result.fields }
    case 'conflict':
      return { error: REFUSALS.conflict, conflict: result.current }
    case 'missing':
      return { error: REFUSALS.missing }
  }
}

export async function updateEditorAction(_previous: EditorActionState, form: FormData): Promise<EditorActionState> {
  const admin = await editorForAction('ADMIN')
  if ('error' in admin) return { error: admin.error }
  if (!(form instanceof FormData)) return { error: 'Invalid request.' }
  const values = { name: String(form.get('name') ?? ''), role: String(form.get('role') ?? '') }
  const parsed = editorChangesSchema.safeParse({ id: form.get('id'), version: form.get('version'), ...values })
  if (!parsed.success)
    return {
      error: 'Nothing was saved: please check the highlighted fields.',
      fields: fieldErrors(parsed.error.issues),
      values,
    }
  const state = answer(
    await updateEditor(parsed.data, admin),
    'Saved. A new role applies from the editor’s next click.',
  )
  return state.error ? { ...state, values } : state
}

export async function setEditorDisabledAction(
  _previous: EditorActionState,
  form: FormData,
): Promise<EditorActionState> {
  const admin = await editorForAction('ADMIN')
  if ('error' in admin) return { error: admin.error }
  if (!(form instanceof FormData)) return { error: 'Invalid request.' }
  const parsed = editorAccessSchema.safeParse({
    id: form.get('id'),
    version: form.get('version'),
    disabled: form.get('disabled') === 'true',
  })
  if (!parsed.success) return { error: 'Invalid request.' }
  const result = await setEditorDisabled(parsed.data, admin)
  return answer(
    result,
    parsed.data.disabled
      ? `Disabled: ${sessions(result)} ended; sign-in is refused.`
      : 'Enabled: the editor can sign in again.',
  )
}

export async function resetEditorPasswordAction(
  _previous: EditorActionState,
  form: FormData,
): Promise<EditorActionState> {
  const admin = await editorForAction('ADMIN')
  if ('error' in admin) return { error: admin.error }
  if (!(form instanceof FormData)) return { error: 'Invalid request.' }
  const parsed = passwordResetSchema.safeParse({
    id: form.get('id'),
    version: form.get('version'),
    password: form.get('password') ?? '',
  })
  if (!parsed.success)
    return {
      error: 'Nothing was changed: please check the highlighted field.',
      fields: fieldErrors(parsed.error.issues),
    }
  const result = await resetEditorPassword(parsed.data, admin)
  const state = answer(result, `New password set: ${sessions(result)} ended.`)
  return result.ok && result.generatedPassword ? { ...state, generatedPassword: result.generatedPassword } : state
}
