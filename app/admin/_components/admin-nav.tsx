import Link from 'next/link'
import { signOutAction } from '@/lib/actions/sign-out'
import type { SignedInEditor } from '@/lib/data/admin/sessions'

export function AdminNav({ editor }: { editor: SignedInEditor }) {
  return (
    <nav className="admin-nav" aria-label="Admin">
      <Link href="/admin">Dashboard</Link>
      <Link href="/admin/outfits">Outfits</Link>
      <Link href="/admin/idols">Idols</Link>
      <Link href="/admin/shots">Shots</Link>
      <Link href="/admin/socials">Socials</Link>
      <Link href="/admin/products">Products</Link>
      <Link href="/admin/media">Media</Link>
      <Link href="/admin/comments">Comments</Link>
      <Link href="/admin/campaign">Campaign</Link>
      {editor.role === 'ADMIN' && <Link href="/admin/feed">Feed</Link>}
      {editor.role === 'ADMIN' && <Link href="/admin/editors">Editors</Link>}
      {editor.role === 'ADMIN' && <Link href="/admin/audit">Audit log</Link>}
      {editor.role === 'ADMIN' && <Link href="/admin/legal">Legal pages</Link>}
      <Link href="/admin/account">Account</Link>
      <span className="admin-who">
        {editor.email} ({editor.role.toLowerCase()})
      </span>
      <form action={signOutAction}>
        <button type="submit" className="link-button">
          Sign out
        </button>
      </form>
    </nav>
  )
}
