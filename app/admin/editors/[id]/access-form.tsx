'use client'
import { useActionState } from 'react'
import { setEditorDisabledAction, type EditorActionState } from './actions'
import { useRefreshAfterSave } from '../../_components/form-fields'
import { FormStatus } from './form-status'

type Props = { editor: { id: string; email: string; disabled: boolean; version: number } }

export function AccessForm({ editor }: Props) {
  const [state, action, pending] = useActionState<EditorActionState, FormData>(setEditorDisabledAction, {})
  useRefreshAfterSave(state)
  return (
    <form
      action={action}
      className="admin-form"
      aria-labelledby="access-heading"
      onSubmit={(event) => {
        if (
          !editor.disabled &&
          !window.confirm(`Disable ${editor.email}? Their open sessions end now and they cannot sign in.`)
        )
          event.preventDefault()
      }}
    >
      <h2 id="access-heading">Access</h2>
      <input type="hidden" name="id" value={editor.id} />
      <input type="hidden" name="version" value={Math.max(state.version ?? 0, editor.version)} />
      <input type="hidden" name="disabled" value={String(!editor.disabled)} />
      <p>{editor.disabled ? 'Disabled: this editor cannot sign in.' : 'Enabled: this editor can sign in.'}</p>
      <FormStatus state={state} />
      <button className={`button${editor.disabled ? '' : ' danger'}`} type="submit" disabled={pending}>
        {editor.disabled ? 'Enable this editor' : 'Disable this editor'}
      </button>
    </form>
  )
}
