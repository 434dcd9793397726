import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listEditorsForAdmins } from '@/lib/data/admin/editors'
import { AdminNav } from '../_components/admin-nav'
import { AdminTable } from '../_components/admin-table'
import { NewEditorForm } from './new-editor-form'
import { When } from '../_components/when'

export const metadata: Metadata = { title: 'Editors' }

export default async function AdminEditors() {
  const admin = await requireEditorPage('/admin/editors', 'ADMIN')
  const editors = await listEditorsForAdmins()
  return (
    <>
      <AdminNav editor={admin} />
      <h1>Editors</h1>
      <div className="admin-stack">
        <AdminTable
          rows={editors}
          empty="No editors yet."
          rowClass={(editor) => (editor.disabled ? 'muted' : undefined)}
          columns={[
            {
              header: 'Email',
              cell: (editor) => (
                <>
                  <Link href={`/admin/editors/${editor.id}`}>{editor.email}</Link>
                  {editor.id === admin.id && <span className="tag">you</span>}
                  {editor.disabled && <span className="tag">disabled</span>}
                </>
              ),
            },
            { header: 'Name', cell: (editor) => editor.name || '—' },
            { header: 'Role', cell: (editor) => editor.role.toLowerCase() },
            {
              header: 'Last sign-in',
              cell: (editor) => (editor.lastSignInAt ? <When iso={editor.lastSignInAt} /> : 'never'),
            },
          ]}
        />
        <NewEditorForm />
      </div>
    </>
  )
}
