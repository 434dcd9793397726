import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireEditorPage } from '@/lib/auth/guard'
import { getSocialForEditing, getSocialFormChoices, NETWORK_NAMES } from '@/lib/data/admin/socials'
import { AdminNav } from '../../_components/admin-nav'
import { PageHeading } from '../../_components/page-heading'
import { DeleteForm } from '../../_components/delete-form'
import { deleteSocialAction } from '../actions'
import { SocialForm } from '../social-form'

export const metadata: Metadata = { title: 'Edit social post' }

export default async function EditSocial({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ created?: string }>
}) {
  const { id } = await params
  const editor = await requireEditorPage(`/admin/socials/${id}`)
  const post = await getSocialForEditing(id)
  if (!post) notFound()
  const title = `${NETWORK_NAMES[post.network]} post by ${post.author}`
  return (
    <>
      <AdminNav editor={editor} />
      <PageHeading
        list={{ href: '/admin/socials', label: 'Social posts' }}
        title={title}
        created={(await searchParams).created ? 'The post was added.' : undefined}
      />
      <p>
        <a href={post.url} target="_blank" rel="noopener noreferrer">
          Open the original post
        </a>{' '}
        ·{' '}
        <Link href="/socials" target="_blank">
          View the wall
        </Link>
      </p>
      <SocialForm post={post} choices={await getSocialFormChoices(post.mediaId)} />
      <DeleteForm
        action={deleteSocialAction}
        id={post.id}
        version={post.version}
        label="Delete this post"
        confirm="Delete this post from the wall, with its likes and comments? This cannot be undone."
      />
    </>
  )
}
