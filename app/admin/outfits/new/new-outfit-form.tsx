'use client'
import { useActionState } from 'react'
import { FormOutcome } from '../../_components/form-outcome'
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
      <FormOutcome state={state} pending={pending} submit="Create draft" pendingLabel="Creating…" />
    </form>
  )
}
