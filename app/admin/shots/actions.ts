'use server'
import { redirect } from 'next/navigation'
import { editorForAction } from '@/lib/auth/guard'
import { invalidateShots } from '@/lib/cache/invalidate'
import { deleteFromForm, saveFromForm, type DeleteState, type EditFormState } from '@/lib/actions/edit-form'
import { createShot, deleteShot, shotSchema, shotUpdateSchema, updateShot } from '@/lib/data/admin/shots'

type ShotRefs = { idolSlug: string | null; outfitSlug: string | null }

/** The gallery, and the idols' and outfits' pages the shot leaves and joins. */
function invalidate(...refs: (ShotRefs | null | undefined)[]) {
  const present = refs.filter((ref) => ref != null)
  invalidateShots(
    present.flatMap((ref) => (ref.idolSlug ? [ref.idolSlug] : [])),
    present.flatMap((ref) => (ref.outfitSlug ? [ref.outfitSlug] : [])),
  )
}

export async function createShotAction(_previous: EditFormState, form: FormData): Promise<EditFormState> {
  const editor = await editorForAction()
  const { state, saved } = await saveFromForm(editor, form, shotSchema, createShot, 'shot')
  if (!saved) return state
  invalidate(saved.after)
  redirect(`/admin/shots/${saved.id}?created=1`)
}

export async function saveShotAction(_previous: EditFormState, form: FormData): Promise<EditFormState> {
  const editor = await editorForAction()
  const { state, saved } = await saveFromForm(editor, form, shotUpdateSchema, updateShot, 'shot')
  if (saved) invalidate(saved.before, saved.after)
  return state
}

export async function deleteShotAction(_previous: DeleteState, form: FormData): Promise<DeleteState> {
  const editor = await editorForAction()
  const { state, deleted } = await deleteFromForm(editor, form, deleteShot, 'shot')
  if (!deleted) return state
  invalidate(deleted)
  redirect('/admin/shots?deleted=1')
}
