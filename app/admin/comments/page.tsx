import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listCommentsForModeration, type ModerationComment } from '@/lib/data/admin/comments'
import { AdminNav } from '../_components/admin-nav'
import { ModerationForm } from './moderation-form'

export const metadata: Metadata = { title: 'Comments' }

const FILTERS = { pending: 'PENDING', published: 'PUBLISHED', hidden: 'HIDDEN' } as const

export default async function AdminComments({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const editor = await requireEditorPage('/admin/comments')
  const filter = (await searchParams).status
  const status: ModerationComment['status'] | undefined =
    filter && filter in FILTERS ? FILTERS[filter as keyof typeof FILTERS] : undefined
  const comments = await listCommentsForModeration(status)
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Comments</h1>
      <p className="filters">
        Show: <Link href="/admin/comments">all</Link> · <Link href="/admin/comments?status=pending">waiting</Link> ·{' '}
        <Link href="/admin/comments?status=published">published</Link> ·{' '}
        <Link href="/admin/comments?status=hidden">hidden</Link>
      </p>
      {comments.length === 0 ? <p className="empty">No comments here.</p> : <ModerationForm comments={comments} />}
    </>
  )
}
