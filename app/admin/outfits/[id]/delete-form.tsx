'use client'
import { useActionState } from 'react'
import { deleteOutfitAction, type DeleteState } from './delete-actions'

export function DeleteOutfitForm({ id, version, title }: { id: string; version: number; title: string }) {
  const [state, action, pending] = useActionState<DeleteState, FormData>(deleteOutfitAction, {})
  return (
    <form
      action={action}
      className="danger-zone"
      onSubmit={(event) => {
        if (!window.confirm(`Delete “${title}” with its pieces, likes and comments? This cannot be undone.`)) event.preventDefault()
      }}
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button className="button danger" type="submit" disabled={pending}>
        Delete this outfit
      </button>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  )
}
