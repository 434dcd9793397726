'use server'
import { redirect } from 'next/navigation'
import { editorForAction } from '@/lib/auth/guard'
import { createOutfitDraft, newOutfitSchema } from '@/lib/data/admin/outfit-writes'
import { fieldErrors } from '@/lib/http/responses'

export type NewOutfitState = {
  error?: string
  fields?: Record<string, string>
  values?: { title: string; idolId: string }
}

// A new outfit is a draft: nothing public changes, so no cache needs invalidating yet.
export async function createOutfitAction(_previous: NewOutfitState, form: FormData): Promise<NewOutfitState> {
  const editor = await editorForAction()
  if ('error' in editor) return { error: editor.error }
  if (!(form instanceof FormData)) return { error: 'Invalid request.' }
  const values = { title: String(form.get('title') ?? ''), idolId: String(form.get('idolId') ?? '') }
  const parsed = newOutfitSchema.safeParse(values)
  if (!parsed.success)
    return {
      error: 'Nothing was created: please check the highlighted fields.',
      fields: fieldErrors(parsed.error.issues),
      values,
    }
  const created = await createOutfitDraft(parsed.data, editor)
  if (!created.ok && created.reason === 'invalid')
    return { error: created.fields.form ?? 'Nothing was created.', fields: created.fields, values }
  if (!created.ok) return { error: 'Nothing was created: reload and try again.', values }
  redirect(`/admin/outfits/${created.id}`)
}
