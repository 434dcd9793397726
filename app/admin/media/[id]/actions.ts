'use server'
import { redirect } from 'next/navigation'
import { editorForAction } from '@/lib/auth/guard'
import { fieldErrors } from '@/lib/http/responses'
import { deleteFromForm, type DeleteState } from '@/lib/actions/edit-form'
import type { ConflictView } from '@/lib/data/admin/editing'
import { invalidateMediaUses } from '@/lib/cache/invalidate'
import { deleteMedia, mediaAltSchema, saveMediaAlt } from '@/lib/data/admin/media'

export type AltState = {
  alt?: string
  message?: string
  error?: string
  fields?: Record<string, string>
  version?: number
  conflict?: ConflictView
}

export async function saveMediaAltAction(_previous: AltState, form: FormData): Promise<AltState> {
  const alt = form instanceof FormData ? String(form.get('alt') ?? '') : undefined
  const editor = await editorForAction()
  if ('error' in editor || alt === undefined)
    return { error: 'error' in editor ? editor.error : 'Invalid request.', alt }
  const parsed = mediaAltSchema.safeParse({ id: form.get('id'), version: form.get('version'), alt })
  if (!parsed.success)
    return { error: 'Nothing was saved: please check the alt text.', fields: fieldErrors(parsed.error.issues), alt }
  const result = await saveMediaAlt(parsed.data, editor)
  if (!result.ok && result.reason === 'missing') return { error: 'This image no longer exists.', alt }
  if (!result.ok && result.reason === 'conflict')
    return {
      error: 'Someone else changed this alt text after you opened it. Nothing was saved: their version is below.',
      conflict: result.current,
      alt,
    }
  if (!result.ok) return { error: 'Nothing was saved: reload and try again.', alt }
  invalidateMediaUses(result.media.uses)
  return {
    message: 'Saved. Every page that shows this image uses the new text now.',
    version: result.media.version,
    alt: result.media.alt,
  }
}

export async function deleteMediaAction(_previous: DeleteState, form: FormData): Promise<DeleteState> {
  const { state, deleted } = await deleteFromForm(await editorForAction(), form, deleteMedia, 'image')
  if (!deleted) return state
  redirect('/admin/media?deleted=1')
}
