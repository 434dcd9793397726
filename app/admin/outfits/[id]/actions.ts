'use server'
import { editorForAction } from '@/lib/auth/guard'
import { fieldErrors } from '@/lib/http/responses'
import { invalidateOutfit } from '@/lib/cache/invalidate'
import { outfitFieldsSchema, saveOutfitFields } from '@/lib/data/admin/outfit-writes'
import type { ConflictView } from '@/lib/data/admin/editing'

export type OutfitFormState = {
  /** What the editor sent, so a refused save does not lose their typing (React resets the form). */
  values?: {
    title: string
    description: string
    published: boolean
    featured: boolean
    publishedAt: string
    idolId: string
    coverId: string
  }
  message?: string
  error?: string
  fields?: Record<string, string>
  version?: number
  conflict?: ConflictView
}

function typedValues(form: FormData): NonNullable<OutfitFormState['values']> {
  return {
    title: String(form.get('title') ?? ''),
    description: String(form.get('description') ?? ''),
    published: form.get('published') === 'on',
    featured: form.get('featured') === 'on',
    publishedAt: String(form.get('publishedAt') ?? ''),
    idolId: String(form.get('idolId') ?? ''),
    coverId: String(form.get('coverId') ?? ''),
  }
}

export async function saveOutfitAction(_previous: OutfitFormState, form: FormData): Promise<OutfitFormState> {
  // Read nothing but the editor's own typing (to give it back) before the session check.
  const values = form instanceof FormData ? typedValues(form) : undefined
  const editor = await editorForAction()
  if ('error' in editor || !values) return { error: 'error' in editor ? editor.error : 'Invalid request.', values }
  const parsed = outfitFieldsSchema.safeParse({ id: form.get('id'), version: form.get('version'), ...values })
  if (!parsed.success) {
    return {
      error: 'Nothing was saved: please check the highlighted fields.',
      fields: fieldErrors(parsed.error.issues),
      values,
    }
  }
  const result = await saveOutfitFields(parsed.data, editor)
  if (!result.ok && result.reason === 'missing') return { error: 'This outfit no longer exists.', values }
  if (!result.ok && result.reason === 'invalid')
    return {
      error: result.fields.form ?? 'Nothing was saved: please check the highlighted fields.',
      fields: result.fields,
      values,
    }
  if (!result.ok && result.reason === 'blocked') return { error: result.message, values }
  if (!result.ok)
    return {
      error:
        'Someone else saved this outfit after you opened it. Nothing was saved: their version is below; reload to edit it.',
      conflict: result.current,
      values,
    }
  // Moving the outfit to another idol changes both idols' pages.
  invalidateOutfit(
    [result.after.slug],
    [...result.before!.idolSlugs, ...result.after.idolSlugs],
    [...result.before!.productSlugs, ...result.after.productSlugs],
  )
  return { message: 'Saved. The public pages show it now.', version: result.version, values }
}
