import type { Metadata } from 'next'
import { requireEditorPage } from '@/lib/auth/guard'
import { listMediaChoices } from '@/lib/data/admin/media'
import { AdminNav } from '../../_components/admin-nav'
import { PageHeading } from '../../_components/page-heading'
import { IdolForm } from '../idol-form'

export const metadata: Metadata = { title: 'New idol' }

export default async function NewIdol() {
  const editor = await requireEditorPage('/admin/idols/new')
  const portraits = await listMediaChoices()
  return (
    <>
      <AdminNav editor={editor} />
      <PageHeading list={{ href: '/admin/idols', label: 'Idols' }} title="New idol" crumb="new" />
      <p>Leave “Published” off until the idol has a portrait, a bio and outfits.</p>
      <IdolForm idol={null} portraits={portraits} />
    </>
  )
}
