import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listOutfitsForEditors } from '@/lib/data/admin/outfits'
import { AdminNav } from '../_components/admin-nav'

export const metadata: Metadata = { title: 'Outfits' }

function state(row: { published: boolean; publishedAt: string | null }): string {
  if (!row.published) return 'Draft'
  if (row.publishedAt && new Date(row.publishedAt) > new Date()) return `Scheduled for ${new Date(row.publishedAt).toLocaleString('en-GB')}`
  return 'Published'
}

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
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Idol</th>
            <th scope="col">Pieces</th>
            <th scope="col">State</th>
            <th scope="col">Changed</th>
          </tr>
        </thead>
        <tbody>
          {outfits.map((outfit) => (
            <tr key={outfit.id}>
              <td>
                <Link href={`/admin/outfits/${outfit.id}`}>{outfit.title}</Link>
                {outfit.featured && <span className="tag">featured</span>}
              </td>
              <td>{outfit.idolName}</td>
              <td>{outfit.itemCount}</td>
              <td>{state(outfit)}</td>
              <td>
                <time dateTime={outfit.updatedAt}>{new Date(outfit.updatedAt).toLocaleString('en-GB')}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
