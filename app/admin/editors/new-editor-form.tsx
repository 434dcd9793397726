'use client'
import { useRouter } from 'next/navigation'
import { useActionState, useEffect } from 'react'
import { OneTimePassword } from '../_components/one-time-password'
import { createEditorAction, type NewEditorState } from './actions'

export function NewEditorForm() {
  const [state, action, pending] = useActionState<NewEditorState, FormData>(createEditorAction, {})
  const router = useRouter()
  // The list above is server-rendered: fetch it again to show the new editor.
  useEffect(() => {
    if (state.created) router.refresh()
  }, [state, router])
  const error = (field: string) => state.fields?.[field] && <p className="field-error">{state.fields[field]}</p>
  return (
    <form action={action} className="admin-form" noValidate aria-labelledby="new-editor-heading">
      <h2 id="new-editor-heading">Add an editor</h2>
      <label>
        Email
        <input
          name="email"
          type="email"
          autoComplete="off"
          defaultValue={state.values?.email}
          maxLength={200}
          required
          aria-invalid={Boolean(state.fields?.email)}
        />
      </label>
      {error('email')}
      <label>
        Name
        <input
          name="name"
          defaultValue={state.values?.name}
          maxLength={100}
          aria-invalid={Boolean(state.fields?.name)}
        />
      </label>
      {error('name')}
      <label>
        Role
        <select name="role" defaultValue={state.values?.role || 'EDITOR'} aria-invalid={Boolean(state.fields?.role)}>
          <option value="EDITOR">Editor: outfits and comments</option>
          <option value="ADMIN">Admin: also editors and the audit log</option>
        </select>
      </label>
      {error('role')}
      <label>
        Password (leave empty to generate one)
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          maxLength={200}
          aria-invalid={Boolean(state.fields?.password)}
        />
      </label>
      {error('password')}
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {state.created && (
        <p className="form-message" role="status">
          {state.created.email} was added and can sign in at /admin/login.
        </p>
      )}
      {state.created?.generatedPassword && <OneTimePassword password={state.created.generatedPassword} />}
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Adding…' : 'Add editor'}
      </button>
    </form>
  )
}
