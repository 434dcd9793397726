import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listSocialsForEditors, NETWORK_NAMES, type AdminSocialRow } from '@/lib/data/admin/socials'
import { AdminNav } from '../_components/admin-nav'
import { AdminTable, type Column } from '../_components/admin-table'
import { ListHeader } from '../_components/list-header'

export const metadata: Metadata = { title: 'Social posts' }

const COLUMNS: Column<AdminSocialRow>[] = [
  {
    header: 'Post',
    cell: (post) => (
      <>
        <Link href={`/admin/socials/${post.id}`}>{post.author}</Link>
        <br />
        <span className="muted">{post.text.length > 90 ? `${post.text.slice(0, 89)}…` : post.text}</span>
      </>
    ),
  },
  { header: 'Network', cell: (post) => NETWORK_NAMES[post.network] },
  { header: 'Idol', cell: (post) => post.idolName ?? '—' },
  {
    header: 'Posted',
    cell: (post) => <time dateTime={post.postedAt}>{new Date(post.postedAt).toLocaleDateString('en-GB')}</time>,
  },
  { header: 'State', cell: (post) => (post.approved ? 'Approved' : <strong>Waiting</strong>) },
]

export default async function AdminSocials({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const editor = await requireEditorPage('/admin/socials')
  const posts = await listSocialsForEditors()
  return (
    <>
      <AdminNav editor={editor} />
      <ListHeader
        title="Social posts"
        newHref="/admin/socials/new"
        newLabel="New post"
        deleted={(await searchParams).deleted ? 'The post was deleted.' : undefined}
      />
      <p className="muted">Posts waiting for approval come first.</p>
      <AdminTable rows={posts} columns={COLUMNS} empty="No posts yet." />
    </>
  )
}
