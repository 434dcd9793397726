'use server'
import { AccessError, requireEditorAction } from '@/lib/auth/guard'
import { invalidateOutfit } from '@/lib/cache/invalidate'
import { outfitFieldsSchema, saveOutfitFields } from '@/lib/data/admin/outfits'

export type OutfitFormState = {
  /** What the editor sent, so a refused save does not lose their typing (React resets the form). */
  values?: { title: string; description: string; published: boolean; featured: boolean; publishedAt: string }
  message?: string
  error?: string
  fields?: Record<string, string>
  version?: number
  conflict?: { title: string; description: string; published: boolean; version: number; updatedAt: string }
}

export async function saveOutfitAction(_previous: OutfitFormState, form: FormData): Promise<OutfitFormState> {
  const values = {
    title: String(form.get('title') ?? ''),
    description: String(form.get('description') ?? ''),
    published: form.get('published') === 'on',
    featured: form.get('featured') === 'on',
    publishedAt: String(form.get('publishedAt') ?? ''),
  }
  let editor
  try {
    editor = await requireEditorAction()
  } catch (error) {
    if (error instanceof AccessError) return { error: error.message, values }
    throw error
  }
  const parsed = outfitFieldsSchema.safeParse({ id: form.get('id'), version: form.get('version'), ...values })
  if (!parsed.success) {
    const fields: Record<string, string> = {}
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message
    return { error: 'Nothing was saved: please check the highlighted fields.', fields, values }
  }
  const result = await saveOutfitFields(parsed.data, editor)
  if (!result.ok && result.reason === 'missing') return { error: 'This outfit no longer exists.', values }
  if (!result.ok) {
    return {
      error: 'Someone else saved this outfit after you opened it. Nothing was saved: their version is below; reload to edit it.',
      conflict: result.current,
      values,
    }
  }
  invalidateOutfit([result.slug], [result.idolSlug])
  return { message: 'Saved. The public pages show it now.', version: result.version, values }
}
