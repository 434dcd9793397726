'use server'
import { redirect } from 'next/navigation'
import { editorForAction } from '@/lib/auth/guard'
import { invalidateOutfit } from '@/lib/cache/invalidate'
import type { DeleteState } from '@/lib/actions/edit-form'
import { deleteOutfit } from '@/lib/data/admin/outfits'

export async function deleteOutfitAction(_previous: DeleteState, form: FormData): Promise<DeleteState> {
  const editor = await editorForAction()
  if ('error' in editor) return { error: editor.error }
  const version = Number(form.get('version'))
  const id = String(form.get('id') ?? '')
  if (!id || !Number.isInteger(version)) return { error: 'Invalid request.' }
  const result = await deleteOutfit(id, version, editor)
  if (!result.ok)
    return {
      error:
        result.reason === 'missing'
          ? 'This outfit was already deleted.'
          : 'Someone changed this outfit since you opened it: reload before deleting.',
    }
  invalidateOutfit([result.slug], [result.idolSlug])
  redirect('/admin/outfits?deleted=1')
}
