import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listEditorsForAdmins } from '@/lib/data/admin/editors'
import { AdminNav } from '../_components/admin-nav'
import { NewEditorForm } from './new-editor-form'

export const metadata: Metadata = { title: 'Editors' }

export default async function AdminEditors() {
  const admin = await requireEditorPage('/admin/editors', 'ADMIN')
  const editors = await listEditorsForAdmins()
  return (
    <>
      <AdminNav editor={admin} />
      <h1>Editors</h1>
      <div className="admin-stack">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {editors.map((editor) => (
              <tr key={editor.id} className={editor.disabled ? 'muted' : undefined}>
                <td>
                  <Link href={`/admin/editors/${editor.id}`}>{editor.email}</Link>
                  {editor.id === admin.id && <span className="tag">you</span>}
                  {editor.disabled && <span className="tag">disabled</span>}
                </td>
                <td>{editor.name || '—'}</td>
                <td>{editor.role.toLowerCase()}</td>
                <td>{editor.lastSignInAt ? <time dateTime={editor.lastSignInAt}>{new Date(editor.lastSignInAt).toLocaleString('en-GB')}</time> : 'never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <NewEditorForm />
      </div>
    </>
  )
}
