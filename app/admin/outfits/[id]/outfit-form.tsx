'use client'
import { useActionState, useState } from 'react'
import type { MediaChoice } from '@/lib/data/admin/media'
import { MediaPicker } from '../../_components/media-picker'
import { Uploader } from '../../_components/uploader'
import { FormOutcome } from '../../_components/form-outcome'
import { DateTimeField, SelectField, useRefreshAfterSave } from '../../_components/form-fields'
import { saveOutfitAction, type OutfitFormState } from './actions'

type Outfit = {
  id: string
  title: string
  description: string
  published: boolean
  publishedAt: string | null
  featured: boolean
  version: number
  idolId: string
  coverId: string
}
type Props = { outfit: Outfit; idols: { id: string; name: string }[]; images: MediaChoice[] }

export function OutfitForm({ outfit, idols, images }: Props) {
  const [state, action, pending] = useActionState<OutfitFormState, FormData>(saveOutfitAction, {})
  // A cover uploaded from here is chosen at once (and shown before the page's data catches up).
  const [uploaded, setUploaded] = useState<MediaChoice | null>(null)
  // After a save, the pieces editor works from the new version.
  useRefreshAfterSave(state)
  const shown = state.values ?? { ...outfit, publishedAt: outfit.publishedAt ?? '' }
  const error = (field: string) => state.fields?.[field] && <p className="field-error">{state.fields[field]}</p>
  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="id" value={outfit.id} />
      {/* The newer of our last save and the page's (the pieces editor refreshes the page after it saves). */}
      <input type="hidden" name="version" value={Math.max(state.version ?? 0, outfit.version)} />
      <label>
        Title
        <input
          name="title"
          defaultValue={shown.title}
          maxLength={120}
          required
          aria-invalid={Boolean(state.fields?.title)}
        />
      </label>
      {error('title')}
      <label>
        Description
        <textarea
          name="description"
          defaultValue={shown.description}
          rows={4}
          maxLength={2000}
          aria-invalid={Boolean(state.fields?.description)}
        />
      </label>
      {error('description')}
      <SelectField
        name="idolId"
        label="Idol"
        options={idols}
        state={{ values: state.values, fields: state.fields }}
        stored={outfit}
      />
      <MediaPicker
        key={uploaded?.id ?? 'saved'}
        name="coverId"
        legend="Cover image"
        choices={uploaded && !images.some((image) => image.id === uploaded.id) ? [uploaded, ...images] : images}
        selectedId={uploaded?.id ?? shown.coverId}
        optional
        error={state.fields?.coverId}
      />
      <Uploader label="Upload a new cover" onUploaded={setUploaded} />
      <label className="check">
        <input type="checkbox" name="published" defaultChecked={shown.published} /> Published
      </label>
      <DateTimeField
        name="publishedAt"
        label="Publish at"
        value={shown.publishedAt}
        error={state.fields?.publishedAt}
        hint="Leave it empty for “now”; a future time schedules the outfit."
      />
      <label className="check">
        <input type="checkbox" name="featured" defaultChecked={shown.featured} /> Featured on the landing page
      </label>
      <FormOutcome
        state={state}
        pending={pending}
        submit="Save"
        conflictLabels={{ title: 'Title', description: 'Description', published: 'Published' }}
      />
    </form>
  )
}
