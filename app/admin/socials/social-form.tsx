'use client'
import type { MediaChoice } from '@/lib/data/admin/media'
import type { EditableSocial } from '@/lib/data/admin/socials'
import { MediaPicker } from '../_components/media-picker'
import {
  CheckField,
  DateTimeField,
  FormOutcome,
  RecordIdentity,
  SelectField,
  shownValue,
  TextAreaField,
  TextField,
  useEditForm,
  type Stored,
} from '../_components/form-fields'
import { createSocialAction, saveSocialAction } from './actions'

const NEW_POST: Stored = {
  network: '',
  url: '',
  author: '',
  text: '',
  mediaId: null,
  postedAt: '',
  idolId: null,
  approved: false,
}
const CONFLICT_LABELS = {
  network: 'Network',
  url: 'Address',
  author: 'Author',
  text: 'Text',
  postedAt: 'Posted',
  idol: 'Idol',
  approved: 'Approved',
}

type Choices = {
  networks: { id: string; name: string }[]
  images: MediaChoice[]
  idols: { id: string; name: string }[]
}

/** Creates a post when `post` is null, otherwise edits it. */
export function SocialForm({ post, choices }: { post: EditableSocial | null; choices: Choices }) {
  const { state, formAction, pending } = useEditForm(post ? saveSocialAction : createSocialAction)
  const field = { state, stored: post ?? NEW_POST }
  return (
    <form action={formAction} className="admin-form" noValidate>
      <RecordIdentity record={post} state={state} />
      <SelectField {...field} name="network" label="Network" options={choices.networks} none="Choose…" />
      <TextField
        {...field}
        name="url"
        label="Address of the post"
        type="url"
        maxLength={500}
        required
        hint="The full https:// link; each post can be on the wall once."
      />
      <TextField {...field} name="author" label="Posted by" maxLength={80} required />
      <TextAreaField {...field} name="text" label="Text" rows={3} maxLength={2000} />
      <DateTimeField
        name="postedAt"
        label="Posted at"
        value={String(shownValue({ ...field, name: 'postedAt' }))}
        error={state.fields?.postedAt}
        required
      />
      <MediaPicker
        name="mediaId"
        legend="Image"
        choices={choices.images}
        selectedId={String(shownValue({ ...field, name: 'mediaId' })) || null}
        optional
        error={state.fields?.mediaId}
      />
      <SelectField {...field} name="idolId" label="Idol" options={choices.idols} none="No idol" />
      <CheckField {...field} name="approved" label="Approved (shown on the wall and on the idol’s page)" />
      <FormOutcome
        state={state}
        pending={pending}
        submit={post ? 'Save' : 'Add post'}
        conflictLabels={CONFLICT_LABELS}
      />
    </form>
  )
}
