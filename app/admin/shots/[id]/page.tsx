import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireEditorPage } from '@/lib/auth/guard'
import { getShotForEditing, getShotFormChoices } from '@/lib/data/admin/shots'
import { AdminNav } from '../../_components/admin-nav'
import { PageHeading } from '../../_components/page-heading'
import { DeleteForm } from '../../_components/delete-form'
import { deleteShotAction } from '../actions'
import { ShotForm } from '../shot-form'

export const metadata: Metadata = { title: 'Edit shot' }

export default async function EditShot({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ created?: string }>
}) {
  const { id } = await params
  const editor = await requireEditorPage(`/admin/shots/${id}`)
  const shot = await getShotForEditing(id)
  if (!shot) notFound()
  const title = shot.caption || 'Shot without a caption'
  return (
    <>
      <AdminNav editor={editor} />
      <PageHeading
        list={{ href: '/admin/shots', label: 'Shots' }}
        title={title}
        created={(await searchParams).created ? 'The shot was added.' : undefined}
      />
      <p>
        <Link href="/shots" target="_blank">
          View the gallery
        </Link>
      </p>
      <ShotForm shot={shot} choices={await getShotFormChoices(shot.mediaId)} />
      <DeleteForm
        action={deleteShotAction}
        id={shot.id}
        version={shot.version}
        label="Delete this shot"
        confirm="Delete this shot with its likes and comments? The photo stays in the media library. This cannot be undone."
      />
    </>
  )
}
