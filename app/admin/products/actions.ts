'use server'
import { editorForAction } from '@/lib/auth/guard'
import { invalidateProduct } from '@/lib/cache/invalidate'
import { saveFromForm, type EditFormState } from '@/lib/actions/edit-form'
import { productEditorialSchema, updateProductEditorial } from '@/lib/data/admin/products'

/** Only the editorial fields: the schema and the save ignore anything else posted. */
export async function saveProductAction(_previous: EditFormState, form: FormData): Promise<EditFormState> {
  const editor = await editorForAction()
  const { state, saved } = await saveFromForm(editor, form, productEditorialSchema, updateProductEditorial, 'product')
  if (saved) invalidateProduct([saved.after.slug])
  return state
}
