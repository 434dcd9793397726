'use server'
import { editorForAction } from '@/lib/auth/guard'
import { invalidateLegalPage } from '@/lib/cache/invalidate'
import { saveFromForm, type EditFormState } from '@/lib/actions/edit-form'
import { legalPageSchema, updateLegalPage } from '@/lib/data/admin/legal'

/** Admins only: the Impressum and the privacy policy speak for the company. */
export async function saveLegalPageAction(_previous: EditFormState, form: FormData): Promise<EditFormState> {
  const editor = await editorForAction('ADMIN')
  const { state, saved } = await saveFromForm(editor, form, legalPageSchema, updateLegalPage, 'page')
  if (saved) invalidateLegalPage(saved.id)
  return state
}
