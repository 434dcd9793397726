// A form's answer — its error, the other version on a conflict, its success message — and its
// submit button: the same words in the same places on every admin form.
import type { ConflictView } from '@/lib/data/admin/editing'
import { ConflictBox } from './conflict-box'

export type Outcome = { error?: string; message?: string; conflict?: ConflictView }

type Props = {
  state: Outcome
  pending: boolean
  /** The button's words; none for forms whose button lives elsewhere. */
  submit?: string
  pendingLabel?: string
  /** Which fields of the other version to show, in order, on a conflict. */
  conflictLabels?: Record<string, string>
}

export function FormOutcome({ state, pending, submit, pendingLabel = 'Saving…', conflictLabels = {} }: Props) {
  return (
    <>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {state.conflict && <ConflictBox conflict={state.conflict} labels={conflictLabels} />}
      {state.message && (
        <p className="form-message" role="status">
          {state.message}
        </p>
      )}
      {submit && (
        <button className="button" type="submit" disabled={pending}>
          {pending ? pendingLabel : submit}
        </button>
      )}
    </>
  )
}
