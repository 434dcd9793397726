'use client'
import { useActionState } from 'react'
import { updateEditorAction, type EditorActionState } from './actions'
import { useRefreshAfterSave } from '../../_components/form-fields'
import { FormStatus } from './form-status'

type Props = { editor: { id: string; name: string; role: 'ADMIN' | 'EDITOR'; version: number }; self: boolean }

export function EditorForm({ editor, self }: Props) {
  const [state, action, pending] = useActionState<EditorActionState, FormData>(updateEditorAction, {})
  useRefreshAfterSave(state)
  return (
    <form action={action} className="admin-form" noValidate aria-labelledby="details-heading">
      <h2 id="details-heading">Name and role</h2>
      <input type="hidden" name="id" value={editor.id} />
      <input type="hidden" name="version" value={Math.max(state.version ?? 0, editor.version)} />
      <label>
        Name
        <input
          name="name"
          defaultValue={state.values?.name ?? editor.name}
          maxLength={100}
          aria-invalid={Boolean(state.fields?.name)}
        />
      </label>
      {state.fields?.name && <p className="field-error">{state.fields.name}</p>}
      {self ? (
        // Admins cannot demote themselves (the server refuses too): the role is not offered.
        <p className="muted">
          <input type="hidden" name="role" value={editor.role} />
          Your role: {editor.role.toLowerCase()}. Another admin can change it.
        </p>
      ) : (
        <label>
          Role
          <select
            name="role"
            defaultValue={state.values?.role ?? editor.role}
            aria-invalid={Boolean(state.fields?.role)}
          >
            <option value="EDITOR">Editor: outfits and comments</option>
            <option value="ADMIN">Admin: also editors and the audit log</option>
          </select>
        </label>
      )}
      {state.fields?.role && <p className="field-error">{state.fields.role}</p>}
      <FormStatus state={state} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save'}
      </button>
    </form>
  )
}
