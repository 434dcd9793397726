'use client'
// What the three forms of the edit page share: their answer, and a refresh after a save so the
// page (and the other forms' version) shows the stored editor.
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'
import type { EditorActionState } from './actions'

export function useRefreshAfterSave(state: EditorActionState) {
  const router = useRouter()
  useEffect(() => {
    if (state.message) router.refresh()
  }, [state, router])
}

export function FormStatus({ state }: { state: EditorActionState }) {
  return (
    <>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {state.conflict && (
        <div className="conflict" role="region" aria-label="The other version">
          <p>
            Changed by another admin at {new Date(state.conflict.updatedAt).toLocaleString('en-GB')} (version {state.conflict.version}):
          </p>
          <dl>
            <dt>Name</dt>
            <dd>{state.conflict.name || '—'}</dd>
            <dt>Role</dt>
            <dd>{state.conflict.role.toLowerCase()}</dd>
            <dt>Access</dt>
            <dd>{state.conflict.disabled ? 'disabled' : 'enabled'}</dd>
          </dl>
        </div>
      )}
      {state.message && (
        <p className="form-message" role="status">
          {state.message}
        </p>
      )}
    </>
  )
}
