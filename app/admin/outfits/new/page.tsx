import type { Metadata } from 'next'
import { requireEditorPage } from '@/lib/auth/guard'
import { listIdolChoices } from '@/lib/data/admin/idols'
import { AdminNav } from '../../_components/admin-nav'
import { NewOutfitForm } from './new-outfit-form'

export const metadata: Metadata = { title: 'New outfit' }

export default async function NewOutfit() {
  const editor = await requireEditorPage('/admin/outfits/new')
  const idols = await listIdolChoices()
  return (
    <>
      <AdminNav editor={editor} />
      <h1>New outfit</h1>
      <p>It starts as a draft: add pieces and a cover, preview it, then publish.</p>
      <NewOutfitForm idols={idols} />
    </>
  )
}
