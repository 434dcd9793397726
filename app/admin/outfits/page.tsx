import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listOutfitsForEditors, type AdminOutfitRow } from '@/lib/data/admin/outfits'
import { AdminNav } from '../_components/admin-nav'
import { AdminTable, type Column } from '../_components/admin-table'
import { When } from '../_components/when'

export const metadata: Metadata = { title: 'Outfits' }

function state(row: { published: boolean; publishedAt: string | null }): ReactNode {
  if (!row.published) return 'Draft'
  if (row.publishedAt && new Date(row.publishedAt) > new Date()) {
    return (
      <>
        Scheduled for <When iso={row.publishedAt} />
      </>
    )
  }
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
  { header: 'Changed', cell: (outfit) => <When iso={outfit.updatedAt} /> },
]

export default async function AdminOutfits({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const editor = await requireEditorPage('/admin/outfits')
  const outfits = await listOutfitsForEditors()
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Outfits</h1>
      {(await searchParams).deleted && (
        <p className="form-message" role="status">
          The outfit was deleted.
        </p>
      )}
      <p>
        <Link className="button" href="/admin/outfits/new">
          New outfit
        </Link>
      </p>
      <AdminTable rows={outfits} columns={COLUMNS} empty="No outfits yet." />
    </>
  )
}
