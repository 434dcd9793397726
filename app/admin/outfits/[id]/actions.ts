'use server'
import { AccessError, requireEditorAction } from '@/lib/auth/guard'
import { invalidateOutfit } from '@/lib/cache/invalidate'
import { outfitFieldsSchema, saveOutfitFields } from '@/lib/data/admin/outfits'

export type OutfitFormState = {
  message?: string
  error?: string
  fields?: Record<string, string>
  version?: number
  conflict?: { title: string; description: string; published: boolean; version: number; updatedAt: string }
}

export async function saveOutfitAction(_previous: OutfitFormState, form: FormData): Promise<OutfitFormState> {
  let editor
  try {
    editor = await requireEditorAction()
  } catch (error) {
    if (error instanceof AccessError) return { error: error.message }
    throw error
  }
  const parsed = outfitFieldsSchema.safeParse({
    id: form.get('id'),
    version: form.get('version'),
    title: form.get('title') ?? '',
    description: form.get('description') ?? '',
    featured: form.get('featured') === 'on',
    published: form.get('published') === 'on',
    publishedAt: form.get('publishedAt') ?? '',
  })
  if (!parsed.success) {
    const fields: Record<string, string> = {}
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message
    return { error: 'Nothing was saved: please check the highlighted fields.', fields }
  }
  const result = await saveOutfitFields(parsed.data, editor)
  if (!result.ok && result.reason === 'missing') return { error: 'This outfit no longer exists.' }
  if (!result.ok) {
    return {
      error: 'Someone else saved this outfit after you opened it. Nothing was saved: their version is below; reload to edit it.',
      conflict: result.current,
    }
  }
  invalidateOutfit([result.slug], [result.idolSlug])
  return { message: 'Saved. The public pages show it now.', version: result.version }
}
