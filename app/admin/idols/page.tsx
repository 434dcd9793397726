import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listIdolsForEditors, type AdminIdolRow } from '@/lib/data/admin/idols'
import { AdminNav } from '../_components/admin-nav'
import { AdminTable, type Column } from '../_components/admin-table'
import { ListHeader } from '../_components/list-header'

export const metadata: Metadata = { title: 'Idols' }

const COLUMNS: Column<AdminIdolRow>[] = [
  { header: 'Name', cell: (idol) => <Link href={`/admin/idols/${idol.id}`}>{idol.name}</Link> },
  { header: 'Address', cell: (idol) => <code>/idols/{idol.slug}</code> },
  { header: 'Outfits', cell: (idol) => idol.outfits },
  { header: 'Shots', cell: (idol) => idol.shots },
  { header: 'Posts', cell: (idol) => idol.socials },
  { header: 'Position', cell: (idol) => idol.position },
  { header: 'State', cell: (idol) => (idol.published ? 'Published' : 'Hidden') },
]

export default async function AdminIdols({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const editor = await requireEditorPage('/admin/idols')
  const idols = await listIdolsForEditors()
  return (
    <>
      <AdminNav editor={editor} />
      <ListHeader
        title="Idols"
        newHref="/admin/idols/new"
        newLabel="New idol"
        deleted={(await searchParams).deleted ? 'The idol was deleted.' : undefined}
      />
      <AdminTable rows={idols} columns={COLUMNS} empty="No idols yet." />
    </>
  )
}
