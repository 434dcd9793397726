'use server'
import { redirect } from 'next/navigation'
import { editorForAction } from '@/lib/auth/guard'
import { invalidateIdol } from '@/lib/cache/invalidate'
import { deleteFromForm, saveFromForm, type DeleteState, type EditFormState } from '@/lib/actions/edit-form'
import { createIdol, deleteIdol, idolCreateSchema, idolUpdateSchema, updateIdol } from '@/lib/data/admin/idols'

export async function createIdolAction(_previous: EditFormState, form: FormData): Promise<EditFormState> {
  const editor = await editorForAction()
  const { state, saved } = await saveFromForm(editor, form, idolCreateSchema, createIdol, 'idol')
  if (!saved) return state
  invalidateIdol([saved.after.slug])
  redirect(`/admin/idols/${saved.id}?created=1`)
}

export async function saveIdolAction(_previous: EditFormState, form: FormData): Promise<EditFormState> {
  const editor = await editorForAction()
  const { state, saved } = await saveFromForm(editor, form, idolUpdateSchema, updateIdol, 'idol')
  // The old slug too: its page must stop answering when the slug changes.
  if (saved) invalidateIdol([saved.before?.slug, saved.after.slug].filter((slug) => slug !== undefined))
  return state
}

export async function deleteIdolAction(_previous: DeleteState, form: FormData): Promise<DeleteState> {
  const editor = await editorForAction()
  const { state, deleted } = await deleteFromForm(editor, form, deleteIdol, 'idol')
  if (!deleted) return state
  invalidateIdol([deleted.slug])
  redirect('/admin/idols?deleted=1')
}
