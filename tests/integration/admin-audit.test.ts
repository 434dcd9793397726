// The audit log page's data: newest first, filtered by record kind and editor, paged, and each
// event reduced to the fields that changed.
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { upsertEditor } from '@/lib/data/admin/editor-accounts'
import { changedFields, listAuditEditors, listAuditEvents } from '@/lib/data/admin/audit'
import { useFreshDatabase } from '../support/database'

useFreshDatabase()
let alice: string
let bob: string

beforeAll(async () => {
  alice = (await upsertEditor({ email: 'alice@example.com', password: 'correct horse battery', role: 'ADMIN' })).id
  bob = (await upsertEditor({ email: 'bob@example.com', password: 'correct horse battery', role: 'EDITOR' })).id
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 27, 9, minutes))
  // Only the events below: not the two accounts' creation by the command line (admin-editors tests those).
  await prisma().auditEvent.deleteMany({})
  await prisma().auditEvent.createMany({
    data: [
      {
        editorId: alice,
        action: 'outfit.update',
        entityType: 'Outfit',
        entityId: 'o1',
        before: { title: 'Old', published: false, idolId: 'i1' },
        after: { title: 'New', published: true, idolId: 'i1' },
        at: at(1),
      },
      {
        editorId: bob,
        action: 'media.alt',
        entityType: 'Media',
        entityId: 'm1',
        before: { alt: '' },
        after: { alt: 'A red coat' },
        at: at(2),
      },
      ...Array.from({ length: 55 }, (_, n) => ({
        editorId: bob,
        action: 'shot.update',
        entityType: 'Shot',
        entityId: `s${n}`,
        before: { caption: `c${n}` },
        after: { caption: `d${n}` },
        at: at(3 + n),
      })),
    ],
  })
})

describe('the audit log', () => {
  it('shows only what changed, and everything of a create or delete', () => {
    expect(
      changedFields({ title: 'Old', published: false, idolId: 'i1' }, { title: 'New', published: true, idolId: 'i1' }),
    ).toEqual([
      { field: 'title', before: 'Old', after: 'New' },
      { field: 'published', before: 'false', after: 'true' },
    ])
    expect(changedFields(null, { slug: 'a', items: ['x', 'y'] })).toEqual([
      { field: 'slug', before: '', after: 'a' },
      { field: 'items', before: '', after: 'x, y' },
    ])
    expect(changedFields({ alt: '' }, { alt: 'Coat' })).toEqual([{ field: 'alt', before: '—', after: 'Coat' }])
  })

  it('lists newest first, fifty to a page, filtered by record kind and editor', async () => {
    const first = await listAuditEvents()
    expect(first).toMatchObject({ total: 57, page: 1, pages: 2 })
    expect(first.events).toHaveLength(50)
    expect(first.events[0]).toMatchObject({ action: 'shot.update', entityId: 's54', who: 'bob@example.com' })
    expect((await listAuditEvents({ page: 2 })).events.at(-1)).toMatchObject({
      action: 'outfit.update',
      changes: [{ field: 'title' }, { field: 'published' }],
    })
    expect((await listAuditEvents({ page: 99 })).page).toBe(2)
    expect((await listAuditEvents({ entity: 'Media' })).events.map((event) => event.entityId)).toEqual(['m1'])
    expect((await listAuditEvents({ editorId: alice })).events.map((event) => event.action)).toEqual(['outfit.update'])
    expect(await listAuditEditors()).toEqual([
      { id: alice, email: 'alice@example.com' },
      { id: bob, email: 'bob@example.com' },
    ])
  })
})
