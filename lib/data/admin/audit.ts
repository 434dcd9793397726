import 'server-only'
// The audit log as admins read it: newest first, a page at a time, narrowed to one kind of record
// or one editor, and each event's before/after reduced to the fields that changed.
import { prisma } from '@/lib/db/client'

import type { AuditedEntity } from './audit-actions'

export type AuditChange = { field: string; before: string; after: string }
export type AuditRow = {
  id: string
  at: string
  who: string
  action: string
  entityType: string
  entityId: string
  changes: AuditChange[]
}

const PAGE_SIZE = 50

function shown(value: unknown): string {
  if (value === undefined) return ''
  if (value === null || value === '') return '—'
  if (Array.isArray(value)) return value.join(', ')
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** The fields whose value differs between before and after (all of them for a create or delete). */
export function changedFields(before: unknown, after: unknown): AuditChange[] {
  const asRecord = (value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  const [was, is] = [asRecord(before), asRecord(after)]
  return [...new Set([...Object.keys(was), ...Object.keys(is)])]
    .filter((field) => JSON.stringify(was[field]) !== JSON.stringify(is[field]))
    .map((field) => ({ field, before: shown(was[field]), after: shown(is[field]) }))
}

/** The command that made a change no signed-in editor made (npm run admin:create), from its summary. */
function commandOf(after: unknown): string | undefined {
  const by = after && typeof after === 'object' ? (after as Record<string, unknown>).by : undefined
  return typeof by === 'string' ? by : undefined
}

export async function listAuditEvents(filter: { entity?: AuditedEntity; editorId?: string; page?: number } = {}) {
  const where = {
    ...(filter.entity ? { entityType: filter.entity } : {}),
    ...(filter.editorId ? { editorId: filter.editorId } : {}),
  }
  const total = await prisma().auditEvent.count({ where })
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(Math.max(1, filter.page ?? 1), pages)
  const rows = await prisma().auditEvent.findMany({
    where,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    include: { editor: { select: { email: true } } },
  })
  const events: AuditRow[] = rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    who: row.editor?.email ?? commandOf(row.after) ?? '(deleted editor)',
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    changes: changedFields(row.before, row.after),
  }))
  return { events, page, pages, total }
}

/** Editors who appear in the log, for its filter. */
export async function listAuditEditors(): Promise<{ id: string; email: string }[]> {
  return prisma().editor.findMany({
    where: { auditEvents: { some: {} } },
    orderBy: { email: 'asc' },
    select: { id: true, email: true },
  })
}
