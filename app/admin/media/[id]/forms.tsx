'use client'
import { useActionState } from 'react'
import { FormOutcome } from '../../_components/form-outcome'
import { saveMediaAltAction, type AltState } from './actions'

export function AltForm({ id, version, alt }: { id: string; version: number; alt: string }) {
  const [state, action, pending] = useActionState<AltState, FormData>(saveMediaAltAction, {})
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={Math.max(state.version ?? 0, version)} />
      <label>
        Alt text (what the picture shows, for people who cannot see it)
        <textarea
          name="alt"
          defaultValue={state.alt ?? alt}
          rows={2}
          maxLength={300}
          aria-invalid={Boolean(state.fields?.alt)}
        />
      </label>
      {state.fields?.alt && <p className="field-error">{state.fields.alt}</p>}
      <FormOutcome state={state} pending={pending} submit="Save alt text" conflictLabels={{ alt: 'Alt text' }} />
    </form>
  )
}
