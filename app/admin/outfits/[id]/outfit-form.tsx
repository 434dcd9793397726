'use client'
import { useRouter } from 'next/navigation'
import { useActionState, useEffect } from 'react'
import { ConflictBox } from '../../_components/conflict-box'
import { toLocalInput } from '../../_components/form-fields'
import { saveOutfitAction, type OutfitFormState } from './actions'

type Outfit = { id: string; title: string; description: string; published: boolean; publishedAt: string | null; featured: boolean; version: number }

export function OutfitForm({ outfit }: { outfit: Outfit }) {
  const [state, action, pending] = useActionState<OutfitFormState, FormData>(saveOutfitAction, {})
  const router = useRouter()
  // After a save, refresh the page's data so the pieces editor works from the new version.
  useEffect(() => {
    if (state.message) router.refresh()
  }, [state, router])
  const shown = state.values ?? { ...outfit, publishedAt: toLocalInput(outfit.publishedAt) }
  const error = (field: string) => state.fields?.[field] && <p className="field-error">{state.fields[field]}</p>
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="id" value={outfit.id} />
      {/* The newer of our last save and the page's (the pieces editor refreshes the page after it saves). */}
      <input type="hidden" name="version" value={Math.max(state.version ?? 0, outfit.version)} />
      <label>
        Title
        <input name="title" defaultValue={shown.title} maxLength={120} required aria-invalid={Boolean(state.fields?.title)} />
      </label>
      {error('title')}
      <label>
        Description
        <textarea name="description" defaultValue={shown.description} rows={4} maxLength={2000} aria-invalid={Boolean(state.fields?.description)} />
      </label>
      {error('description')}
      <label className="check">
        <input type="checkbox" name="published" defaultChecked={shown.published} /> Published
      </label>
      <label>
        Publish at (leave empty for “now”; a future time schedules it)
        <input type="datetime-local" name="publishedAt" defaultValue={shown.publishedAt} aria-invalid={Boolean(state.fields?.publishedAt)} />
      </label>
      {error('publishedAt')}
      <label className="check">
        <input type="checkbox" name="featured" defaultChecked={shown.featured} /> Featured on the landing page
      </label>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {state.conflict && (
        <ConflictBox
          conflict={{ version: state.conflict.version, updatedAt: state.conflict.updatedAt, values: state.conflict }}
          labels={{ title: 'Title', description: 'Description', published: 'Published' }}
        />
      )}
      {state.message && (
        <p className="form-message" role="status">
          {state.message}
        </p>
      )}
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save'}
      </button>
    </form>
  )
}
