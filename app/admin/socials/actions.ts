'use server'
import { redirect } from 'next/navigation'
import { editorForAction } from '@/lib/auth/guard'
import { invalidateSocials } from '@/lib/cache/invalidate'
import { deleteFromForm, saveFromForm, type DeleteState, type EditFormState } from '@/lib/actions/edit-form'
import { createSocial, deleteSocial, socialSchema, socialUpdateSchema, updateSocial } from '@/lib/data/admin/socials'

/** The wall, and the pages of the idols the post leaves and joins. */
const idolSlugs = (...refs: ({ idolSlug: string | null } | null | undefined)[]) =>
  refs.flatMap((ref) => (ref?.idolSlug ? [ref.idolSlug] : []))

export async function createSocialAction(_previous: EditFormState, form: FormData): Promise<EditFormState> {
  const editor = await editorForAction()
  const { state, saved } = await saveFromForm(editor, form, socialSchema, createSocial, 'post')
  if (!saved) return state
  invalidateSocials(idolSlugs(saved.after))
  redirect(`/admin/socials/${saved.id}?created=1`)
}

export async function saveSocialAction(_previous: EditFormState, form: FormData): Promise<EditFormState> {
  const editor = await editorForAction()
  const { state, saved } = await saveFromForm(editor, form, socialUpdateSchema, updateSocial, 'post')
  if (saved) invalidateSocials(idolSlugs(saved.before, saved.after))
  return state
}

export async function deleteSocialAction(_previous: DeleteState, form: FormData): Promise<DeleteState> {
  const editor = await editorForAction()
  const { state, deleted } = await deleteFromForm(editor, form, deleteSocial, 'post')
  if (!deleted) return state
  invalidateSocials(idolSlugs(deleted))
  redirect('/admin/socials?deleted=1')
}
