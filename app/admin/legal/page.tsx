import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listLegalPagesForAdmins } from '@/lib/data/admin/legal'
import { AdminNav } from '../_components/admin-nav'

export const metadata: Metadata = { title: 'Legal pages' }

export default async function AdminLegalPages() {
  const editor = await requireEditorPage('/admin/legal', 'ADMIN')
  const pages = await listLegalPagesForAdmins()
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Legal pages</h1>
      <p className="muted">Linked from the footer of every page. German law requires both.</p>
      <ul className="admin-list">
        {pages.map((page) => (
          <li key={page.id}>
            <Link href={`/admin/legal/${page.id}`}>{page.title}</Link> <span className="muted">/{page.id}</span> ·
            revision {page.version}, last saved{' '}
            <time dateTime={page.updatedAt}>
              {new Date(page.updatedAt).toLocaleString('en-GB', { timeZone: 'Europe/Berlin' })}
            </time>
          </li>
        ))}
      </ul>
    </>
  )
}
