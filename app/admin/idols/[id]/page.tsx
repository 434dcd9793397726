import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireEditorPage } from '@/lib/auth/guard'
import { getIdolForEditing } from '@/lib/data/admin/idols'
import { listMediaChoices } from '@/lib/data/admin/media'
import { AdminNav } from '../../_components/admin-nav'
import { PageHeading } from '../../_components/page-heading'
import { DeleteForm } from '../../_components/delete-form'
import { deleteIdolAction } from '../actions'
import { IdolForm } from '../idol-form'

export const metadata: Metadata = { title: 'Edit idol' }

export default async function EditIdol({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ created?: string }>
}) {
  const { id } = await params
  const editor = await requireEditorPage(`/admin/idols/${id}`)
  const idol = await getIdolForEditing(id)
  if (!idol) notFound()
  const portraits = await listMediaChoices(idol.portraitId)
  return (
    <>
      <AdminNav editor={editor} />
      <PageHeading
        list={{ href: '/admin/idols', label: 'Idols' }}
        title={idol.name}
        created={(await searchParams).created ? 'The idol was created.' : undefined}
      />
      <p>
        {idol.published ? (
          <Link href={`/idols/${idol.slug}`} target="_blank">
            View the public page
          </Link>
        ) : (
          'Hidden: shoppers do not see this idol or their outfits.'
        )}{' '}
        · {idol.outfits} outfits · {idol.shots} shots · {idol.socials} posts
      </p>
      <IdolForm idol={idol} portraits={portraits} />
      <DeleteForm
        action={deleteIdolAction}
        id={idol.id}
        version={idol.version}
        label="Delete this idol"
        confirm={`Delete “${idol.name}” with their likes and comments? Their shots and posts stay, without an idol. This cannot be undone.`}
      />
    </>
  )
}
