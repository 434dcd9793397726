'use client'
import type { MediaChoice } from '@/lib/data/admin/media'
import type { EditableIdol } from '@/lib/data/admin/idols'
import { MediaPicker } from '../_components/media-picker'
import {
  CheckField,
  FormOutcome,
  RecordIdentity,
  shownValue,
  TextAreaField,
  TextField,
  useEditForm,
  type Stored,
} from '../_components/form-fields'
import { createIdolAction, saveIdolAction } from './actions'

const NEW_IDOL: Stored = {
  name: '',
  slug: '',
  bio: '',
  portraitId: null,
  instagram: null,
  tiktok: null,
  facebook: null,
  position: 0,
  published: false,
}
const CONFLICT_LABELS = { name: 'Name', slug: 'Slug', bio: 'Bio', position: 'Position', published: 'Published' }

/** Creates an idol when `idol` is null, otherwise edits it. */
export function IdolForm({ idol, portraits }: { idol: EditableIdol | null; portraits: MediaChoice[] }) {
  const { state, formAction, pending } = useEditForm(idol ? saveIdolAction : createIdolAction)
  const field = { state, stored: idol ?? NEW_IDOL }
  return (
    <form action={formAction} className="admin-form" noValidate>
      <RecordIdentity record={idol} state={state} />
      <TextField {...field} name="name" label="Name" maxLength={80} required />
      <TextField
        {...field}
        name="slug"
        label="Slug"
        maxLength={80}
        required={Boolean(idol)}
        hint={
          idol
            ? 'The end of the public address, /idols/your-slug: lowercase words joined by hyphens. Changing it breaks links shared before.'
            : 'The end of the public address, /idols/your-slug. Leave it empty to make it from the name.'
        }
      />
      <TextAreaField {...field} name="bio" label="Bio" rows={4} maxLength={2000} />
      <MediaPicker
        name="portraitId"
        legend="Portrait"
        choices={portraits}
        selectedId={String(shownValue({ ...field, name: 'portraitId' })) || null}
        optional
        error={state.fields?.portraitId}
      />
      <TextField {...field} name="instagram" label="Instagram handle" maxLength={50} />
      <TextField {...field} name="tiktok" label="TikTok handle" maxLength={50} />
      <TextField {...field} name="facebook" label="Facebook handle" maxLength={50} />
      <TextField
        {...field}
        name="position"
        label="Position"
        type="number"
        min={0}
        hint="Idols are listed by position, smallest first."
      />
      <CheckField {...field} name="published" label="Published (shoppers see the idol and their outfits)" />
      <FormOutcome
        state={state}
        pending={pending}
        submit={idol ? 'Save' : 'Create idol'}
        conflictLabels={CONFLICT_LABELS}
      />
    </form>
  )
}
