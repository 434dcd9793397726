'use client'
import { useActionState } from 'react'
import { OneTimePassword } from '../../_components/one-time-password'
import { resetEditorPasswordAction, type EditorActionState } from './actions'
import { useRefreshAfterSave } from '../../_components/form-fields'
import { FormStatus } from './form-status'

export function PasswordResetForm({ editor }: { editor: { id: string; version: number } }) {
  const [state, action, pending] = useActionState<EditorActionState, FormData>(resetEditorPasswordAction, {})
  useRefreshAfterSave(state)
  return (
    <form action={action} className="admin-form" noValidate aria-labelledby="reset-heading">
      <h2 id="reset-heading">Reset the password</h2>
      <p>For a forgotten password or a lost laptop: the editor’s open sessions end.</p>
      <input type="hidden" name="id" value={editor.id} />
      <input type="hidden" name="version" value={Math.max(state.version ?? 0, editor.version)} />
      <label>
        New password (leave empty to generate one)
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          maxLength={200}
          aria-invalid={Boolean(state.fields?.password)}
        />
      </label>
      {state.fields?.password && <p className="field-error">{state.fields.password}</p>}
      <FormStatus state={state} />
      {state.generatedPassword && <OneTimePassword password={state.generatedPassword} />}
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Setting…' : 'Set new password'}
      </button>
    </form>
  )
}
