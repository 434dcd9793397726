import type { Metadata } from 'next'
import { requireEditorPage } from '@/lib/auth/guard'
import { prisma } from '@/lib/db/client'
import { AdminNav } from '../../_components/admin-nav'
import { NewOutfitForm } from './new-outfit-form'

export const metadata: Metadata = { title: 'New outfit' }

export default async function NewOutfit() {
  const editor = await requireEditorPage('/admin/outfits/new')
  const idols = await prisma().idol.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })
  return (
    <>
      <AdminNav editor={editor} />
      <h1>New outfit</h1>
      <p>It starts as a draft: add pieces and a cover, preview it, then publish.</p>
      <NewOutfitForm idols={idols} />
    </>
  )
}
