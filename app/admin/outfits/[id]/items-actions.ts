'use server'
import { editorForAction } from '@/lib/auth/guard'
import { invalidateOutfit } from '@/lib/cache/invalidate'
import { outfitItemsSchema, saveOutfitItems } from '@/lib/data/admin/outfit-writes'

export type ItemsResult =
  { ok: true; version: number; message: string } | { ok: false; error: string; conflict?: boolean }

export async function saveOutfitItemsAction(input: unknown): Promise<ItemsResult> {
  const editor = await editorForAction()
  if ('error' in editor) return { ok: false, error: editor.error }
  const parsed = outfitItemsSchema.safeParse(input)
  if (!parsed.success)
    return { ok: false, error: `Nothing was saved: ${parsed.error.issues[0]?.message ?? 'invalid pieces'}.` }
  const result = await saveOutfitItems(parsed.data, editor)
  if (!result.ok) {
    if (result.reason === 'missing') return { ok: false, error: 'This outfit no longer exists.' }
    if (result.reason === 'invalid')
      return { ok: false, error: `Nothing was saved: ${Object.values(result.fields)[0] ?? 'check the pieces'}` }
    if (result.reason === 'blocked') return { ok: false, error: result.message }
    return {
      ok: false,
      conflict: true,
      error: 'Someone else saved this outfit after you opened it. Nothing was saved: reload to see their version.',
    }
  }
  // The pieces taken off and the ones put on: both sets of product pages list this outfit or did.
  invalidateOutfit([result.after.slug], result.after.idolSlugs, [
    ...result.before!.productSlugs,
    ...result.after.productSlugs,
  ])
  return { ok: true, version: result.version, message: 'Pieces saved. The public page shows them now.' }
}
