'use server'
import { editorForAction } from '@/lib/auth/guard'
import { moderateComments, moderationSchema } from '@/lib/data/admin/comments'

export type ModerationState = { message?: string; error?: string }

// Comments are never part of cached pages, so no cache needs invalidating here.
export async function moderateAction(_previous: ModerationState, form: FormData): Promise<ModerationState> {
  const editor = await editorForAction()
  if ('error' in editor) return { error: editor.error }
  const parsed = moderationSchema.safeParse({ ids: form.getAll('ids'), decision: form.get('decision') })
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Invalid request.' }
  const changed = await moderateComments(parsed.data, editor)
  const verb = { approve: 'approved', hide: 'hidden', delete: 'deleted' }[parsed.data.decision]
  return { message: `${changed} ${changed === 1 ? 'comment' : 'comments'} ${verb}.` }
}
