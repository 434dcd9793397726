'use client'
import { useActionState } from 'react'
import { deleteMediaAction, saveMediaAltAction, type AltState, type DeleteMediaState } from './actions'

export function AltForm({ id, version, alt }: { id: string; version: number; alt: string }) {
  const [state, action, pending] = useActionState<AltState, FormData>(saveMediaAltAction, {})
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={Math.max(state.version ?? 0, version)} />
      <label>
        Alt text (what the picture shows, for people who cannot see it)
        <textarea name="alt" defaultValue={state.alt ?? alt} rows={2} maxLength={300} aria-invalid={Boolean(state.fields?.alt)} />
      </label>
      {state.fields?.alt && <p className="field-error">{state.fields.alt}</p>}
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {state.conflict && (
        <div className="conflict" role="region" aria-label="The other version">
          <p>
            Saved by someone else at {new Date(state.conflict.updatedAt).toLocaleString('en-GB')} (version {state.conflict.version}): “{state.conflict.alt}”
          </p>
        </div>
      )}
      {state.message && (
        <p className="form-message" role="status">
          {state.message}
        </p>
      )}
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save alt text'}
      </button>
    </form>
  )
}

export function DeleteMediaForm({ id, version, uses }: { id: string; version: number; uses: number }) {
  const [state, action, pending] = useActionState<DeleteMediaState, FormData>(deleteMediaAction, {})
  return (
    <form
      action={action}
      className="danger-zone"
      onSubmit={(event) => {
        if (!window.confirm('Delete this image from the library and from storage? This cannot be undone.')) event.preventDefault()
      }}
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {uses > 0 && <p className="muted">In use, so it cannot be deleted: replace it where it is used first.</p>}
      <button className="button danger" type="submit" disabled={pending || uses > 0}>
        Delete this image
      </button>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  )
}
