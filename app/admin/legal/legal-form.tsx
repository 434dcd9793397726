'use client'
import type { EditableLegalPage } from '@/lib/data/admin/legal'
import { FormOutcome, RecordIdentity, TextAreaField, TextField, useEditForm } from '../_components/form-fields'
import { saveLegalPageAction } from './actions'

const CONFLICT_LABELS = { title: 'Title', body: 'Text (start)', length: 'Length' }

export function LegalForm({ page, maxLength }: { page: EditableLegalPage; maxLength: number }) {
  const { state, formAction, pending } = useEditForm(saveLegalPageAction)
  const field = { state, stored: { title: page.title, body: page.body } }
  return (
    <form action={formAction} className="admin-form" noValidate>
      <RecordIdentity record={page} state={state} />
      <TextField {...field} name="title" label="Title" maxLength={120} required />
      <TextAreaField
        {...field}
        name="body"
        label="Text"
        rows={24}
        maxLength={maxLength}
        required
        hint="Markdown: # Heading, ## Subheading, a blank line between paragraphs, - for a list, **bold**, *italic*, [text](https://address). Every save is kept as a revision."
      />
      <FormOutcome state={state} pending={pending} submit="Save and publish" conflictLabels={CONFLICT_LABELS} />
    </form>
  )
}
