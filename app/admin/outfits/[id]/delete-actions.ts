'use server'
import { redirect } from 'next/navigation'
import { editorForAction } from '@/lib/auth/guard'
import { invalidateOutfit } from '@/lib/cache/invalidate'
import { deleteFromForm, type DeleteState } from '@/lib/actions/edit-form'
import { deleteOutfit } from '@/lib/data/admin/outfit-writes'

export async function deleteOutfitAction(_previous: DeleteState, form: FormData): Promise<DeleteState> {
  const { state, deleted } = await deleteFromForm(await editorForAction(), form, deleteOutfit, 'outfit')
  if (!deleted) return state
  invalidateOutfit([deleted.slug], deleted.idolSlugs, deleted.productSlugs)
  redirect('/admin/outfits?deleted=1')
}
