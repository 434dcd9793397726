'use client'
// The admin forms' pieces: each field shows what the editor typed when a save was refused
// (state.values), otherwise the stored value, and its error right below it.
import { useRouter } from 'next/navigation'
import { useActionState, useEffect, useState, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import type { EditFormState } from '@/lib/actions/edit-form'

export type Stored = Record<string, string | number | boolean | null>
type Field = { name: string; label: string; state: EditFormState; stored: Stored; hint?: string }

export type EditAction = (previous: EditFormState, form: FormData) => Promise<EditFormState>

/** After a save, the page reloads its data (headings, versions, lists, the other forms' versions). */
export function useRefreshAfterSave(state: { message?: string }) {
  const router = useRouter()
  useEffect(() => {
    if (state.message) router.refresh()
  }, [state, router])
}

/** The form's state, refreshed after each save. */
export function useEditForm(action: EditAction) {
  const [state, formAction, pending] = useActionState<EditFormState, FormData>(action, {})
  useRefreshAfterSave(state)
  return { state, formAction, pending }
}

// datetime-local wants local time without a zone.
export const toLocalInput = (iso: string | null) => {
  const date = iso ? new Date(iso) : null
  return date && !Number.isNaN(date.getTime())
    ? new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
    : ''
}

/**
 * A date and time as the editor reads it — in their browser's time zone, named next to the label —
 * posted as an exact instant (ISO, UTC) in a hidden field. The server's zone (UTC on Heroku) never
 * shifts a scheduled publication. The visible value is filled in after hydration: only the
 * browser knows its zone.
 */
export function DateTimeField({
  name,
  label,
  value,
  error,
  hint,
  required,
}: {
  name: string
  label: string
  value: string
  error?: string
  hint?: string
  required?: boolean
}) {
  const [instant, setInstant] = useState(value)
  const [local, setLocal] = useState('')
  const [zone, setZone] = useState('')
  useEffect(() => {
    // Only the browser knows its zone, after hydration: the server renders the field empty.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- set once per value, not a cascade
    setInstant(value)
    setLocal(toLocalInput(value))
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone)
  }, [value])
  return (
    <>
      <label>
        <span>
          {label}
          {zone && <span className="muted"> ({zone} time)</span>}
        </span>
        <input
          type="datetime-local"
          value={local}
          required={required}
          aria-invalid={Boolean(error)}
          aria-describedby={hint ? `${name}-hint` : undefined}
          onChange={(event) => {
            setLocal(event.target.value)
            const date = new Date(event.target.value)
            setInstant(event.target.value && !Number.isNaN(date.getTime()) ? date.toISOString() : event.target.value)
          }}
        />
      </label>
      <input type="hidden" name={name} value={instant} />
      {hint && (
        <p className="field-hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {error && <p className="field-error">{error}</p>}
    </>
  )
}

export function shownValue({ name, state, stored }: Pick<Field, 'name' | 'state' | 'stored'>): string | boolean {
  const value = state.values?.[name] ?? stored[name]
  return typeof value === 'boolean' ? value : String(value ?? '')
}

function Described({ name, state, hint }: Pick<Field, 'name' | 'state' | 'hint'>) {
  return (
    <>
      {hint && (
        <p className="field-hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {state.fields?.[name] && <p className="field-error">{state.fields[name]}</p>}
    </>
  )
}

const describedBy = (name: string, hint?: string) => (hint ? `${name}-hint` : undefined)

export function TextField({
  name,
  label,
  state,
  stored,
  hint,
  ...input
}: Field & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'defaultValue'>) {
  return (
    <>
      <label>
        {label}
        <input
          name={name}
          defaultValue={String(shownValue({ name, state, stored }))}
          aria-invalid={Boolean(state.fields?.[name])}
          aria-describedby={describedBy(name, hint)}
          {...input}
        />
      </label>
      <Described name={name} state={state} hint={hint} />
    </>
  )
}

export function TextAreaField({
  name,
  label,
  state,
  stored,
  hint,
  ...input
}: Field & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'defaultValue'>) {
  return (
    <>
      <label>
        {label}
        <textarea
          name={name}
          defaultValue={String(shownValue({ name, state, stored }))}
          aria-invalid={Boolean(state.fields?.[name])}
          aria-describedby={describedBy(name, hint)}
          {...input}
        />
      </label>
      <Described name={name} state={state} hint={hint} />
    </>
  )
}

export function CheckField({ name, label, state, stored }: Field) {
  return (
    <label className="check">
      <input type="checkbox" name={name} defaultChecked={Boolean(shownValue({ name, state, stored }))} /> {label}
    </label>
  )
}

export function SelectField({
  name,
  label,
  state,
  stored,
  hint,
  options,
  none,
}: Field & { options: { id: string; name: string }[]; none?: string }) {
  return (
    <>
      <label>
        {label}
        <select
          name={name}
          defaultValue={String(shownValue({ name, state, stored }))}
          aria-invalid={Boolean(state.fields?.[name])}
          aria-describedby={describedBy(name, hint)}
        >
          {none !== undefined && <option value="">{none}</option>}
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      </label>
      <Described name={name} state={state} hint={hint} />
    </>
  )
}

/** The record and version a save starts from: the newer of our last save and the page's. */
export function RecordIdentity({
  record,
  state,
}: {
  record: { id: string; version: number } | null
  state: EditFormState
}) {
  if (!record) return null
  return (
    <>
      <input type="hidden" name="id" value={record.id} />
      <input type="hidden" name="version" value={Math.max(state.version ?? 0, record.version)} />
    </>
  )
}

export { FormOutcome } from './form-outcome'
