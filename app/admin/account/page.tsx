import type { Metadata } from 'next'
import { requireEditorPage } from '@/lib/auth/guard'
import { AdminNav } from '../_components/admin-nav'
import { PasswordForm } from './password-form'

export const metadata: Metadata = { title: 'Your account' }

export default async function Account() {
  const editor = await requireEditorPage('/admin/account')
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Your account</h1>
      <p className="muted">
        {editor.name ? `${editor.name} · ` : ''}
        {editor.email} · {editor.role.toLowerCase()}
      </p>
      <PasswordForm email={editor.email} />
    </>
  )
}
