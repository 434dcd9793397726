'use client'
import { useActionState } from 'react'
import { FormOutcome } from '../_components/form-outcome'
import { syncFeedAction, type FeedSyncState } from './actions'

export function SyncForm({ disabled }: { disabled: boolean }) {
  const [state, action, pending] = useActionState<FeedSyncState, FormData>(syncFeedAction, {})
  return (
    <form action={action} className="feed-sync-form">
      <button className="button" type="submit" disabled={disabled || pending}>
        {pending ? 'Syncing…' : 'Sync now'}
      </button>
      <label className="inline-check">
        <input type="checkbox" name="force" value="yes" disabled={disabled || pending} /> Sync anyway: apply a feed the
        checks refuse (empty, or leaving out more than a fifth of the products)
      </label>
      <FormOutcome state={state} pending={pending} />
    </form>
  )
}
