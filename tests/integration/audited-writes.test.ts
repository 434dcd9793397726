// Every kind of record editors change goes through one write path (lib/data/admin/editing.ts), so
// every kind answers the same way: a change at the stored version goes through with one audit event;
// a change from an older version is refused with the stored one, changing nothing and logging
// nothing; a change to a record that is gone says so. One table, the same three checks for each.
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { upsertEditor } from '@/lib/data/admin/editor-accounts'
import type { SignedInEditor } from '@/lib/data/admin/sessions'
import type { VersionedRecord } from '@/lib/data/admin/editing'
import { saveOutfitFields, saveOutfitItems, outfitFieldsSchema } from '@/lib/data/admin/outfit-writes'
import { saveMediaAlt } from '@/lib/data/admin/media'
import { updateEditor } from '@/lib/data/admin/editors'
import { moderateComments } from '@/lib/data/admin/comments'
import { updateIdol, idolUpdateSchema } from '@/lib/data/admin/idols'
import { createIdol, createMediaRow, createOutfit, createProduct } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'
import { actingEditor } from '../support/editors'

useFreshDatabase()
let admin: SignedInEditor
beforeAll(async () => {
  admin = await actingEditor(`writes-${process.pid}@example.com`, 'ADMIN')
})

type Case = {
  action: string
  /** A fresh record of this kind, at its stored version. */
  make: () => Promise<VersionedRecord>
  /** The change under test, from the version the editor saw; the answer normalised to ok/refused. */
  change: (record: VersionedRecord) => Promise<{ ok: boolean; reason?: string; current?: unknown }>
  /** What the change writes, as stored now (to prove a refusal changed nothing). */
  stored: (id: string) => Promise<unknown>
}

const pendingComment = () =>
  prisma().comment.create({
    data: {
      targetType: 'OUTFIT',
      targetId: 'x',
      authorName: 'A',
      body: 'Hi',
      status: 'PENDING',
      visitorId: 'v',
      ipHash: 'h',
    },
  })

const cases: Record<string, Case> = {
  'an outfit': {
    action: 'outfit.update',
    async make() {
      return createOutfit(prisma(), { idolId: (await createIdol(prisma())).id })
    },
    async change(record) {
      const idolId = (await prisma().outfit.findUnique({ where: { id: record.id } }))?.idolId ?? 'none'
      const fields = {
        ...record,
        idolId,
        coverId: '',
        title: 'Changed',
        description: '',
        featured: true,
        published: true,
      }
      return saveOutfitFields(outfitFieldsSchema.parse({ ...fields, publishedAt: '' }), admin)
    },
    stored: (id) => prisma().outfit.findUnique({ where: { id }, select: { title: true, featured: true } }),
  },
  "an outfit's pieces": {
    action: 'outfit.items',
    async make() {
      return createOutfit(prisma(), { idolId: (await createIdol(prisma())).id })
    },
    async change(record) {
      const product = await createProduct(prisma())
      return saveOutfitItems({ ...record, items: [{ productId: product.id, hotspotX: 0.5, hotspotY: 0.5 }] }, admin)
    },
    stored: (id) => prisma().outfitItem.findMany({ where: { outfitId: id }, select: { productId: true } }),
  },
  'an image': {
    action: 'media.alt',
    make: () => createMediaRow(prisma()),
    change: (record) => saveMediaAlt({ ...record, alt: 'Changed' }, admin),
    stored: (id) => prisma().media.findUnique({ where: { id }, select: { alt: true } }),
  },
  'an editor': {
    action: 'editor.update',
    make: () =>
      upsertEditor({ email: `e${Math.random()}@example.com`, password: 'correct horse battery', role: 'EDITOR' }),
    change: (record) => updateEditor({ ...record, name: 'Changed', role: 'EDITOR' }, admin),
    stored: (id) => prisma().editor.findUnique({ where: { id }, select: { name: true, role: true } }),
  },
  'a comment': {
    action: 'comment.approve',
    make: pendingComment,
    change: (record) => moderateComments({ comments: [record], decision: 'approve' }, admin),
    stored: (id) => prisma().comment.findUnique({ where: { id }, select: { status: true } }),
  },
  'an idol': {
    action: 'idol.update',
    make: () => createIdol(prisma()),
    change(record) {
      const fields = { slug: `changed-${record.id}`.toLowerCase(), name: 'Changed Name', bio: '', position: 1 }
      const links = { portraitId: '', instagram: '', tiktok: '', facebook: '', published: true }
      return updateIdol(idolUpdateSchema.parse({ ...record, ...fields, ...links }), admin)
    },
    stored: (id) => prisma().idol.findUnique({ where: { id }, select: { name: true } }),
  },
}

const eventsFor = (id: string, action: string) => prisma().auditEvent.findMany({ where: { entityId: id, action } })

describe.each(Object.entries(cases))('changing %s', (_kind, write) => {
  it('goes through at the stored version, with one audit event naming the editor', async () => {
    const record = await write.make()
    const before = await write.stored(record.id)
    expect(await write.change({ id: record.id, version: record.version })).toMatchObject({ ok: true })
    expect(await write.stored(record.id)).not.toEqual(before)
    const [event, ...more] = await eventsFor(record.id, write.action)
    expect(more).toEqual([])
    expect(event).toMatchObject({ editorId: admin.id, before: expect.any(Object), after: expect.any(Object) })
  })

  it('is refused from an older version with the stored one shown, changing and logging nothing', async () => {
    const record = await write.make()
    const stored = { id: record.id, version: record.version + 1 }
    // Someone else saved meanwhile: the stored version moved on (and only the version, to keep the test general).
    const table = write.action.split('.')[0] as 'outfit' | 'media' | 'editor' | 'comment' | 'idol'
    await (prisma()[table] as unknown as { update: (args: object) => Promise<unknown> }).update({
      where: { id: record.id },
      data: { version: { increment: 1 } },
    })
    const before = await write.stored(record.id)
    expect(await write.change({ id: record.id, version: record.version })).toEqual({
      ok: false,
      reason: 'conflict',
      current: { ...stored, updatedAt: expect.any(String), values: expect.any(Object) },
    })
    expect(await write.stored(record.id)).toEqual(before)
    expect(await eventsFor(record.id, write.action)).toEqual([])
  })

  it('says when the record is gone', async () => {
    expect(await write.change({ id: 'no-such-record', version: 1 })).toEqual({ ok: false, reason: 'missing' })
  })
})
