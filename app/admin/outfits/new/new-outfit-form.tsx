'use client'
import { useActionState } from 'react'
import { FormOutcome } from '../../_components/form-outcome'
import { SelectField, TextField } from '../../_components/form-fields'
import { createOutfitAction, type NewOutfitState } from './actions'

export function NewOutfitForm({ idols }: { idols: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<NewOutfitState, FormData>(createOutfitAction, {})
  const field = { state: { values: state.values, fields: state.fields }, stored: { title: '', idolId: '' } }
  return (
    <form action={action} className="admin-form" noValidate>
      <TextField {...field} name="title" label="Title" maxLength={120} required />
      <SelectField {...field} name="idolId" label="Idol" options={idols} none="Choose…" />
      <FormOutcome state={state} pending={pending} submit="Create draft" pendingLabel="Creating…" />
    </form>
  )
}
