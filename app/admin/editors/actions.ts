'use server'
import { editorForAction } from '@/lib/auth/guard'
import { createEditor, newEditorSchema } from '@/lib/data/admin/editors'
import { fieldErrors } from '@/lib/http/responses'

export type NewEditorState = {
  error?: string
  fields?: Record<string, string>
  /** The admin's typing, given back when nothing was created (never the password). */
  values?: { email: string; name: string; role: string }
  /** A generated password travels only in this answer: it is stored nowhere but as a hash. */
  created?: { email: string; generatedPassword: string | null }
}

export async function createEditorAction(_previous: NewEditorState, form: FormData): Promise<NewEditorState> {
  const admin = await editorForAction('ADMIN')
  if ('error' in admin) return { error: admin.error }
  if (!(form instanceof FormData)) return { error: 'Invalid request.' }
  const values = {
    email: String(form.get('email') ?? ''),
    name: String(form.get('name') ?? ''),
    role: String(form.get('role') ?? ''),
  }
  const parsed = newEditorSchema.safeParse({ ...values, password: String(form.get('password') ?? '') })
  if (!parsed.success)
    return {
      error: 'Nobody was added: please check the highlighted fields.',
      fields: fieldErrors(parsed.error.issues),
      values,
    }
  const result = await createEditor(parsed.data, admin)
  if (!result.ok)
    return { error: 'Nobody was added.', fields: result.reason === 'invalid' ? result.fields : undefined, values }
  return { created: { email: parsed.data.email, generatedPassword: result.generatedPassword ?? null } }
}
