import type { Metadata } from 'next'
import { requireEditorPage } from '@/lib/auth/guard'
import { getShotFormChoices } from '@/lib/data/admin/shots'
import { AdminNav } from '../../_components/admin-nav'
import { PageHeading } from '../../_components/page-heading'
import { ShotForm } from '../shot-form'

export const metadata: Metadata = { title: 'New shot' }

export default async function NewShot() {
  const editor = await requireEditorPage('/admin/shots/new')
  return (
    <>
      <AdminNav editor={editor} />
      <PageHeading list={{ href: '/admin/shots', label: 'Shots' }} title="New shot" crumb="new" />
      <ShotForm shot={null} choices={await getShotFormChoices(null)} />
    </>
  )
}
