'use server'
import { changeOwnPassword, ownPasswordSchema } from '@/lib/auth/own-password'
import { editorForAction } from '@/lib/auth/guard'
import { fieldErrors } from '@/lib/http/responses'

export type OwnPasswordState = { message?: string; error?: string; fields?: Record<string, string> }

// Any role: every editor owns their password. The session stays; the others end.
export async function changeOwnPasswordAction(_previous: OwnPasswordState, form: FormData): Promise<OwnPasswordState> {
  const editor = await editorForAction()
  if ('error' in editor) return { error: editor.error }
  if (!(form instanceof FormData)) return { error: 'Invalid request.' }
  const parsed = ownPasswordSchema.safeParse({
    current: form.get('current') ?? '',
    password: form.get('password') ?? '',
    repeat: form.get('repeat') ?? '',
  })
  if (!parsed.success)
    return {
      error: 'Nothing was changed: please check the highlighted fields.',
      fields: fieldErrors(parsed.error.issues),
    }
  const result = await changeOwnPassword(parsed.data, editor)
  if (result.ok)
    return {
      message: `Password changed. Other sessions signed out: ${result.sessionsRevoked}. This one stays signed in.`,
    }
  if (result.reason === 'wrong-password')
    return { error: 'Nothing was changed.', fields: { current: 'That is not your current password.' } }
  if (result.reason === 'rate-limited') return { error: 'Too many tries. Wait 15 minutes and try again.' }
  return {
    error:
      'Your account changed meanwhile (an admin may have reset your password). Nothing was changed: reload and try again.',
  }
}
