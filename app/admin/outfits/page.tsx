import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listOutfitsForEditors, type AdminOutfitRow } from '@/lib/data/admin/outfits'
import { AdminNav } from '../_components/admin-nav'
import { AdminTable, type Column } from '../_components/admin-table'

export const metadata: Metadata = { title: 'Outfits' }

function state(row: { published: boolean; publishedAt: string | null }): string {
  if (!row.published) return 'Draft'
  if (row.publishedAt && new Date(row.publishedAt) > new Date()) return `Scheduled for ${new Date(row.publishedAt).toLocaleString('en-GB')}`
  return 'Published'
}

const COLUMNS: Column<AdminOutfitRow>[] = [
  {
    header: 'Title',
    cell: (outfit) => (
      <>
        <Link href={`/admin/outfits/${outfit.id}`}>{outfit.title}</Link>
        {outfit.featured && <span className="tag">featured</span>}
      </>
    ),
  },
  { header: 'Idol', cell: (outfit) => outfit.idolName },
  { header: 'Pieces', cell: (outfit) => outfit.itemCount },
  { header: 'State', cell: state },
  { header: 'Changed', cell: (outfit) => <time dateTime={outfit.updatedAt}>{new Date(outfit.updatedAt).toLocaleString('en-GB')}</time> },
]

export default async function AdminOutfits({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const editor = await requireEditorPage('/admin/outfits')
  const outfits = await listOutfitsForEditors()
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Outfits</h1>
      {(await searchParams).deleted && <p className="form-message" role="status">The outfit was deleted.</p>}
      <p>
        <Link className="button" href="/admin/outfits/new">
          New outfit
        </Link>
      </p>
      <AdminTable rows={outfits} columns={COLUMNS} empty="No outfits yet." />
    </>
  )
}
