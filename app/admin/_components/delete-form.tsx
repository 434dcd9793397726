'use client'
// Delete a record after the editor confirms; the server action checks the version it shows.
import { useActionState } from 'react'
import type { DeleteState } from '@/lib/actions/edit-form'

type Props = {
  action: (previous: DeleteState, form: FormData) => Promise<DeleteState>
  id: string
  version: number
  /** The button's words, e.g. "Delete this idol". */
  label: string
  /** The question the browser asks first. */
  confirm: string
  /** Why deleting is not possible now (the button is disabled; the server refuses it anyway). */
  blockedBecause?: string
}

export function DeleteForm({ action, id, version, label, confirm, blockedBecause }: Props) {
  const [state, formAction, pending] = useActionState<DeleteState, FormData>(action, {})
  return (
    <form
      action={formAction}
      className="danger-zone"
      onSubmit={(event) => {
        if (!window.confirm(confirm)) event.preventDefault()
      }}
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {blockedBecause && <p className="muted">{blockedBecause}</p>}
      <button className="button danger" type="submit" disabled={pending || Boolean(blockedBecause)}>
        {label}
      </button>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  )
}
