import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listAuditEditors, listAuditEvents, type AuditChange, type AuditRow } from '@/lib/data/admin/audit'
import { AUDITED_ENTITIES, type AuditedEntity } from '@/lib/data/admin/audit-actions'
import { Pagination } from '@/app/_components/pagination'
import { AdminNav } from '../_components/admin-nav'
import { AdminTable } from '../_components/admin-table'
import { When } from '../_components/when'

export const metadata: Metadata = { title: 'Audit log' }

// Where each kind of record is edited, to link an event to it (deleted ones simply 404 there).
const EDIT_PATHS: Partial<Record<string, string>> = {
  Outfit: 'outfits',
  Idol: 'idols',
  Shot: 'shots',
  Social: 'socials',
  Product: 'products',
  Media: 'media',
  Editor: 'editors',
}

type Query = { entity?: string; editor?: string; page?: string }

export default async function AuditLog({ searchParams }: { searchParams: Promise<Query> }) {
  const editor = await requireEditorPage('/admin/audit', 'ADMIN')
  const query = await searchParams
  const entity = AUDITED_ENTITIES.find((name) => name === query.entity) as AuditedEntity | undefined
  const editorId = typeof query.editor === 'string' && query.editor.length <= 40 ? query.editor : undefined
  const [log, editors] = await Promise.all([
    listAuditEvents({ entity, editorId, page: Number(query.page) || 1 }),
    listAuditEditors(),
  ])
  const href = (page: number) => {
    const params = new URLSearchParams({
      ...(entity ? { entity } : {}),
      ...(editorId ? { editor: editorId } : {}),
      ...(page > 1 ? { page: String(page) } : {}),
    })
    return `/admin/audit${params.size ? `?${params}` : ''}`
  }
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Audit log</h1>
      <form className="audit-filter" method="get">
        <label>
          Records
          <select name="entity" defaultValue={entity ?? ''}>
            <option value="">All</option>
            {AUDITED_ENTITIES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Editor
          <select name="editor" defaultValue={editorId ?? ''}>
            <option value="">Anyone</option>
            {editors.map((option) => (
              <option key={option.id} value={option.id}>
                {option.email}
              </option>
            ))}
          </select>
        </label>
        <button className="button" type="submit">
          Show
        </button>
        <span className="muted">{log.total} events</span>
      </form>
      <AdminTable
        rows={log.events}
        empty="Nothing recorded yet."
        columns={[
          { header: 'When', cell: (event) => <When iso={event.at} /> },
          { header: 'Who', cell: (event) => event.who },
          { header: 'What', cell: (event) => <EventTarget event={event} /> },
          { header: 'Changes', cell: (event) => <Changes changes={event.changes} /> },
        ]}
      />
      <Pagination page={log.page} pageCount={log.pages} hrefFor={href} />
    </>
  )
}

function EventTarget({ event }: { event: AuditRow }) {
  const path = EDIT_PATHS[event.entityType]
  return (
    <>
      {event.action}{' '}
      {path ? (
        <Link className="muted" href={`/admin/${path}/${event.entityId}`}>
          {event.entityType.toLowerCase()}
        </Link>
      ) : (
        <span className="muted">{event.entityType.toLowerCase()}</span>
      )}
    </>
  )
}

function Changes({ changes }: { changes: AuditChange[] }) {
  if (changes.length === 0) return <span className="muted">—</span>
  return (
    <dl className="audit-changes">
      {changes.map((change) => (
        <div key={change.field}>
          <dt>{change.field}</dt>
          <dd>
            {change.before && <del>{change.before}</del>}
            {change.before && change.after && ' → '}
            {change.after && <ins>{change.after}</ins>}
          </dd>
        </div>
      ))}
    </dl>
  )
}
