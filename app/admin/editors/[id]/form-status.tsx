'use client'
// What the three forms of the edit page share: their answer, and a refresh after a save so the
// page (and the other forms' version) shows the stored editor.
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'
import { FormOutcome } from '../../_components/form-outcome'
import type { EditorActionState } from './actions'

export function useRefreshAfterSave(state: EditorActionState) {
  const router = useRouter()
  useEffect(() => {
    if (state.message) router.refresh()
  }, [state, router])
}

export function FormStatus({ state }: { state: EditorActionState }) {
  const conflict = state.conflict && {
    version: state.conflict.version,
    updatedAt: state.conflict.updatedAt,
    values: { name: state.conflict.name, role: state.conflict.role.toLowerCase(), access: state.conflict.disabled ? 'disabled' : 'enabled' },
  }
  return <FormOutcome state={{ ...state, conflict }} pending={false} conflictLabels={{ name: 'Name', role: 'Role', access: 'Access' }} />
}
