import type { Metadata } from 'next'
import { requireEditorPage } from '@/lib/auth/guard'
import { getSocialFormChoices } from '@/lib/data/admin/socials'
import { AdminNav } from '../../_components/admin-nav'
import { PageHeading } from '../../_components/page-heading'
import { SocialForm } from '../social-form'

export const metadata: Metadata = { title: 'New social post' }

export default async function NewSocial() {
  const editor = await requireEditorPage('/admin/socials/new')
  return (
    <>
      <AdminNav editor={editor} />
      <PageHeading list={{ href: '/admin/socials', label: 'Social posts' }} title="New social post" crumb="new" />
      <SocialForm post={null} choices={await getSocialFormChoices(null)} />
    </>
  )
}
