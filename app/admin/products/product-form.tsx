'use client'
import type { EditableProduct } from '@/lib/data/admin/products'
import { FormOutcome, RecordIdentity, TextAreaField, TextField, useEditForm } from '../_components/form-fields'
import { saveProductAction } from './actions'

const CONFLICT_LABELS = { name: 'Name', description: 'Description' }

/** The editorial fields: what the campaign says about the product (decision 007). */
export function ProductForm({ product }: { product: EditableProduct }) {
  const { state, formAction, pending } = useEditForm(saveProductAction)
  const field = { state, stored: { name: product.name, description: product.description } }
  return (
    <form action={formAction} className="admin-form" noValidate>
      <RecordIdentity record={product} state={state} />
      <TextField {...field} name="name" label="Name" maxLength={160} required />
      <TextAreaField {...field} name="description" label="Description" rows={6} maxLength={4000} />
      <FormOutcome state={state} pending={pending} submit="Save" conflictLabels={CONFLICT_LABELS} />
    </form>
  )
}
