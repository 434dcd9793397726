import 'server-only'
// What the admin's server actions for idols, shots, socials and products share once they have
// checked the session (each action calls editorForAction() itself, first): read the form against
// the entity's zod schema, save through lib/data, and turn the outcome into the form's state.
import { z } from 'zod'
import type { ConflictView, DeleteOutcome, SaveOutcome, VersionedRecord } from '@/lib/data/admin/editing'
import { versionedRecordSchema } from '@/lib/data/admin/fields'
import type { SignedInEditor } from '@/lib/data/admin/sessions'
import { fieldErrors } from '@/lib/http/responses'

/** What the editor typed: given back on refusal, since React resets a form after its action. */
export type FormValues = Record<string, string | boolean>

export type EditFormState = {
  values?: FormValues
  message?: string
  error?: string
  fields?: Record<string, string>
  /** The version after our own save, so the next save starts from it. */
  version?: number
  conflict?: ConflictView
}

export type DeleteState = { error?: string }

type Session = SignedInEditor | { error: string }

/** The schema's fields as posted: checkboxes are on or absent, everything else is text. */
function typedValues(form: unknown, schema: z.ZodObject): FormValues | undefined {
  if (!(form instanceof FormData)) return undefined
  const values: FormValues = {}
  for (const [name, field] of Object.entries(schema.shape)) {
    if (name in versionedRecordSchema.shape) continue
    values[name] = field instanceof z.ZodBoolean ? form.get(name) === 'on' : String(form.get(name) ?? '')
  }
  return values
}

/** Validates and saves; `saved` is set only when the save went through (then invalidate, redirect). */
export async function saveFromForm<S extends z.ZodObject, Refs>(
  editor: Session,
  form: unknown,
  schema: S,
  save: (input: z.output<S>, editor: SignedInEditor) => Promise<SaveOutcome<Refs>>,
  noun: string,
): Promise<{ state: EditFormState; saved?: Extract<SaveOutcome<Refs>, { ok: true }> }> {
  const values = typedValues(form, schema)
  if ('error' in editor || !values)
    return { state: { error: 'error' in editor ? editor.error : 'Invalid request.', values } }
  const posted = form as FormData
  const parsed = schema.safeParse({
    ...values,
    id: posted.get('id') ?? undefined,
    version: posted.get('version') ?? undefined,
  })
  if (!parsed.success)
    return {
      state: {
        error: 'Nothing was saved: please check the highlighted fields.',
        fields: fieldErrors(parsed.error.issues),
        values,
      },
    }
  const outcome = await save(parsed.data, editor)
  if (outcome.ok)
    return {
      state: { message: 'Saved. The public pages show it now.', version: outcome.version, values },
      saved: outcome,
    }
  switch (outcome.reason) {
    case 'blocked':
      return { state: { error: outcome.message, values } }
    case 'missing':
      return { state: { error: `This ${noun} no longer exists.`, values } }
    case 'invalid':
      return {
        state: {
          error: outcome.fields.form ?? 'Nothing was saved: please check the highlighted fields.',
          fields: outcome.fields,
          values,
        },
      }
    case 'conflict':
      return {
        state: {
          error: `Someone else saved this ${noun} after you opened it. Nothing was saved: their version is below; reload to edit it.`,
          conflict: outcome.current,
          values,
        },
      }
  }
}

/** Deletes the record the form names, at the version it shows; `deleted` holds the affected slugs. */
export async function deleteFromForm<Refs>(
  editor: Session,
  form: unknown,
  remove: (record: VersionedRecord, editor: SignedInEditor) => Promise<DeleteOutcome<Refs>>,
  noun: string,
): Promise<{ state: DeleteState; deleted?: Refs }> {
  if ('error' in editor) return { state: { error: editor.error } }
  const parsed = versionedRecordSchema.safeParse(
    form instanceof FormData ? { id: form.get('id'), version: form.get('version') } : {},
  )
  if (!parsed.success) return { state: { error: 'Invalid request.' } }
  const outcome = await remove(parsed.data, editor)
  if (outcome.ok) return { state: {}, deleted: outcome.refs }
  if (outcome.reason === 'blocked') return { state: { error: outcome.message } }
  if (outcome.reason === 'missing') return { state: { error: `This ${noun} was already deleted.` } }
  return { state: { error: `Someone changed this ${noun} since you opened it: reload before deleting.` } }
}
