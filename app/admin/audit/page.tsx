import type { Metadata } from 'next'
import { requireEditorPage } from '@/lib/auth/guard'
import { listAuditEvents } from '@/lib/data/admin/comments'
import { AdminNav } from '../_components/admin-nav'

export const metadata: Metadata = { title: 'Audit log' }

export default async function AuditLog() {
  const editor = await requireEditorPage('/admin/audit', 'ADMIN')
  const events = await listAuditEvents()
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Audit log</h1>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Before → after</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={event.at}>{new Date(event.at).toLocaleString('en-GB')}</time>
              </td>
              <td>{event.who}</td>
              <td>
                {event.action} <span className="muted">{event.entity}</span>
              </td>
              <td>
                <code>{event.before ? JSON.stringify(event.before) : '—'}</code> → <code>{event.after ? JSON.stringify(event.after) : '—'}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
