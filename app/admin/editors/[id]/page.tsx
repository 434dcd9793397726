import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireEditorPage } from '@/lib/auth/guard'
import { getEditorForAdmins } from '@/lib/data/admin/editors'
import { AdminNav } from '../../_components/admin-nav'
import { AccessForm } from './access-form'
import { EditorForm } from './editor-form'
import { PasswordResetForm } from './password-reset-form'
import { When } from '../../_components/when'

export const metadata: Metadata = { title: 'Edit editor' }

export default async function EditEditor({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const admin = await requireEditorPage(`/admin/editors/${id}`, 'ADMIN')
  const editor = await getEditorForAdmins(id)
  if (!editor) notFound()
  const self = editor.id === admin.id
  return (
    <>
      <AdminNav editor={admin} />
      <p className="breadcrumbs">
        <Link href="/admin/editors">Editors</Link> / {editor.email}
      </p>
      <h1>{editor.name || editor.email}</h1>
      <p className="muted">
        {editor.email} · {editor.role.toLowerCase()} · {editor.disabled ? 'disabled' : 'enabled'} · last sign-in{' '}
        {editor.lastSignInAt ? <When iso={editor.lastSignInAt} /> : 'never'}
      </p>
      <div className="admin-stack">
        <EditorForm editor={editor} self={self} />
        {self ? (
          // The server refuses these for oneself as well; here they are simply not offered.
          <p className="admin-note">
            This is you: another admin can disable you or reset your password. Change your own password on your{' '}
            <Link href="/admin/account">Account</Link> page.
          </p>
        ) : (
          <>
            <AccessForm editor={editor} />
            <PasswordResetForm editor={editor} />
          </>
        )}
      </div>
    </>
  )
}
