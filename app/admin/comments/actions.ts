'use server'
import { editorForAction } from '@/lib/auth/guard'
import { invalidateReactions } from '@/lib/cache/invalidate'
import { moderateComments, moderationSchema } from '@/lib/data/admin/comments'
import { targetsOfComments } from '@/lib/data/reactions'

export type ModerationState = { message?: string; error?: string }

const REFUSED = {
  missing: 'A selected comment was deleted meanwhile. Nothing was changed: reload and choose again.',
  conflict: 'Someone moderated a selected comment after you opened the page. Nothing was changed: reload to see it.',
} as const

// Comments are never part of cached pages; their records' shared reactions answers are expired.
export async function moderateAction(_previous: ModerationState, form: FormData): Promise<ModerationState> {
  const editor = await editorForAction()
  if ('error' in editor) return { error: editor.error }
  if (!(form instanceof FormData)) return { error: 'Invalid request.' }
  const parsed = moderationSchema.safeParse({ comments: form.getAll('comments'), decision: form.get('decision') })
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Invalid request.' }
  // Read before: a deleted comment no longer says what it was under.
  const targets = await targetsOfComments(parsed.data.comments.map((comment) => comment.id))
  const outcome = await moderateComments(parsed.data, editor)
  if (!outcome.ok) return { error: outcome.reason === 'blocked' ? outcome.message : REFUSED[outcome.reason] }
  invalidateReactions(targets)
  const verb = { approve: 'approved', hide: 'hidden', delete: 'deleted' }[parsed.data.decision]
  return { message: `${outcome.count} ${outcome.count === 1 ? 'comment' : 'comments'} ${verb}.` }
}
