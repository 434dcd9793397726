// What the three forms of the edit page show after a save or a refusal (the other admin's version
// on a conflict).
import { FormOutcome } from '../../_components/form-outcome'
import type { EditorActionState } from './actions'

export function FormStatus({ state }: { state: EditorActionState }) {
  return <FormOutcome state={state} pending={false} conflictLabels={{ name: 'Name', role: 'Role', access: 'Access' }} />
}
