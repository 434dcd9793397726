'use client'
import { useActionState } from 'react'
import { createOutfitAction, type NewOutfitState } from './actions'

export function NewOutfitForm({ idols }: { idols: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<NewOutfitState, FormData>(createOutfitAction, {})
  return (
    <form action={action} className="admin-form" noValidate>
      <label>
        Title
        <input name="title" defaultValue={state.values?.title} maxLength={120} required aria-invalid={Boolean(state.fields?.title)} />
      </label>
      {state.fields?.title && <p className="field-error">{state.fields.title}</p>}
      <label>
        Idol
        <select name="idolId" defaultValue={state.values?.idolId ?? ''} aria-invalid={Boolean(state.fields?.idolId)}>
          <option value="">Choose…</option>
          {idols.map((idol) => (
            <option key={idol.id} value={idol.id}>
              {idol.name}
            </option>
          ))}
        </select>
      </label>
      {state.fields?.idolId && <p className="field-error">{state.fields.idolId}</p>}
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create draft'}
      </button>
    </form>
  )
}
