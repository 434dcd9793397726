import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listShotsForEditors, type AdminShotRow } from '@/lib/data/admin/shots'
import { AdminNav } from '../_components/admin-nav'
import { AdminTable, Thumb, type Column } from '../_components/admin-table'
import { ListHeader } from '../_components/list-header'

export const metadata: Metadata = { title: 'Shots' }

const COLUMNS: Column<AdminShotRow>[] = [
  { header: 'Photo', cell: (shot) => <Thumb image={shot.image} /> },
  { header: 'Caption', cell: (shot) => <Link href={`/admin/shots/${shot.id}`}>{shot.caption || '(no caption)'}</Link> },
  { header: 'Idol', cell: (shot) => shot.idolName ?? '—' },
  { header: 'Outfit', cell: (shot) => shot.outfitTitle ?? '—' },
  { header: 'Position', cell: (shot) => shot.position },
  { header: 'State', cell: (shot) => (shot.published ? 'Published' : 'Hidden') },
]

export default async function AdminShots({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const editor = await requireEditorPage('/admin/shots')
  const shots = await listShotsForEditors()
  return (
    <>
      <AdminNav editor={editor} />
      <ListHeader
        title="Shots"
        newHref="/admin/shots/new"
        newLabel="New shot"
        deleted={(await searchParams).deleted ? 'The shot was deleted.' : undefined}
      />
      <AdminTable rows={shots} columns={COLUMNS} empty="No shots yet." />
    </>
  )
}
