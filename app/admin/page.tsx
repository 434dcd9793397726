import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { getDashboardCounts } from '@/lib/data/admin/outfits'
import { AdminNav } from './_components/admin-nav'

export default async function AdminHome({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const editor = await requireEditorPage('/admin')
  const { outfits, drafts, pendingComments: pending } = await getDashboardCounts()
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Dashboard</h1>
      {(await searchParams).denied && (
        <p className="form-error" role="alert">
          That page is for admins only.
        </p>
      )}
      <ul className="admin-cards">
        <li>
          <Link href="/admin/outfits">
            <strong>{outfits}</strong> outfits, {drafts} drafts
          </Link>
        </li>
        <li>
          <Link href="/admin/comments">
            <strong>{pending}</strong> comments waiting for review
          </Link>
        </li>
      </ul>
    </>
  )
}
