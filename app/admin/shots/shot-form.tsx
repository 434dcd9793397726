'use client'
import type { MediaChoice } from '@/lib/data/admin/media'
import type { EditableShot } from '@/lib/data/admin/shots'
import { MediaPicker } from '../_components/media-picker'
import {
  CheckField,
  FormOutcome,
  RecordIdentity,
  SelectField,
  shownValue,
  TextAreaField,
  TextField,
  useEditForm,
  type Stored,
} from '../_components/form-fields'
import { createShotAction, saveShotAction } from './actions'

const NEW_SHOT: Stored = {
  mediaId: null,
  caption: '',
  credit: '',
  idolId: null,
  outfitId: null,
  position: 0,
  published: false,
}
const CONFLICT_LABELS = {
  caption: 'Caption',
  credit: 'Credit',
  idol: 'Idol',
  outfit: 'Outfit',
  position: 'Position',
  published: 'Published',
}

type Choices = { photos: MediaChoice[]; idols: { id: string; name: string }[]; outfits: { id: string; name: string }[] }

/** Creates a shot when `shot` is null, otherwise edits it. */
export function ShotForm({ shot, choices }: { shot: EditableShot | null; choices: Choices }) {
  const { state, formAction, pending } = useEditForm(shot ? saveShotAction : createShotAction)
  const field = { state, stored: shot ?? NEW_SHOT }
  return (
    <form action={formAction} className="admin-form" noValidate>
      <RecordIdentity record={shot} state={state} />
      <MediaPicker
        name="mediaId"
        legend="Photo"
        choices={choices.photos}
        selectedId={String(shownValue({ ...field, name: 'mediaId' })) || null}
        error={state.fields?.mediaId}
      />
      <TextAreaField {...field} name="caption" label="Caption" rows={2} maxLength={300} />
      <TextField {...field} name="credit" label="Credit" maxLength={120} hint="e.g. Photo: Ines Moreau" />
      <SelectField {...field} name="idolId" label="Idol" options={choices.idols} none="No idol" />
      <SelectField
        {...field}
        name="outfitId"
        label="Outfit"
        options={choices.outfits}
        none="No outfit"
        hint="The outfit’s page shows the shot too."
      />
      <TextField
        {...field}
        name="position"
        label="Position"
        type="number"
        min={0}
        hint="The gallery shows shots by position, smallest first."
      />
      <CheckField {...field} name="published" label="Published (in the gallery and on the idol’s and outfit’s pages)" />
      <FormOutcome
        state={state}
        pending={pending}
        submit={shot ? 'Save' : 'Add shot'}
        conflictLabels={CONFLICT_LABELS}
      />
    </form>
  )
}
