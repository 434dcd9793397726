import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { getDashboardCounts } from '@/lib/data/admin/dashboard'
import { AdminNav } from './_components/admin-nav'

export default async function AdminHome({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const editor = await requireEditorPage('/admin')
  const counts = await getDashboardCounts()
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
            <strong>{counts.outfits}</strong> outfits, {counts.drafts} drafts
          </Link>
        </li>
        <li>
          <Link href="/admin/comments">
            <strong>{counts.pendingComments}</strong> comments waiting for review
          </Link>
        </li>
        <li>
          <Link href="/admin/idols">
            <strong>{counts.idols}</strong> idols, {counts.hiddenIdols} hidden
          </Link>
        </li>
        <li>
          <Link href="/admin/shots">
            <strong>{counts.shots}</strong> shots
          </Link>
        </li>
        <li>
          <Link href="/admin/socials">
            <strong>{counts.socials}</strong> social posts, {counts.pendingSocials} waiting for approval
          </Link>
        </li>
        <li>
          <Link href="/admin/products">
            <strong>{counts.products}</strong> products
          </Link>
        </li>
      </ul>
    </>
  )
}
