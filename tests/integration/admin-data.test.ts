// Editors' writes: validation, version conflicts, audit events, bulk moderation.
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import type { SignedInEditor } from '@/lib/data/admin/sessions'
import { outfitFieldsSchema, saveOutfitFields } from '@/lib/data/admin/outfit-writes'
import { moderateComments, moderationSchema } from '@/lib/data/admin/comments'
import { createIdol, createOutfit } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'
import { actingEditor } from '../support/editors'

useFreshDatabase()
let editor: SignedInEditor
beforeAll(async () => {
  editor = await actingEditor(`audit-${process.pid}@example.com`)
})

const fields = (outfit: { id: string; version: number; idolId: string }, overrides: Record<string, unknown> = {}) =>
  outfitFieldsSchema.parse({
    id: outfit.id,
    version: outfit.version,
    idolId: outfit.idolId,
    coverId: '',
    title: 'New title',
    description: 'New words',
    featured: false,
    published: true,
    publishedAt: '',
    ...overrides,
  })

describe('saving an outfit', () => {
  it('saves, bumps the version and records who changed what', async () => {
    const idol = await createIdol(prisma())
    const outfit = await createOutfit(prisma(), { idolId: idol.id, title: 'Old title' })
    const result = await saveOutfitFields(fields(outfit), editor)
    const refs = { slug: outfit.slug, idolSlugs: [idol.slug], productSlugs: [] }
    expect(result).toEqual({ ok: true, id: outfit.id, version: outfit.version + 1, before: refs, after: refs })
    expect(await prisma().outfit.findUniqueOrThrow({ where: { id: outfit.id } })).toMatchObject({
      title: 'New title',
      version: outfit.version + 1,
      publishedAt: null,
    })
    const event = await prisma().auditEvent.findFirstOrThrow({ where: { entityId: outfit.id } })
    expect(event).toMatchObject({
      editorId: editor.id,
      action: 'outfit.update',
      before: expect.objectContaining({ title: 'Old title' }),
      after: expect.objectContaining({ title: 'New title' }),
    })
  })

  it('refuses to overwrite a newer save and shows it, changing nothing', async () => {
    const idol = await createIdol(prisma())
    const outfit = await createOutfit(prisma(), { idolId: idol.id, title: 'Original' })
    await saveOutfitFields(fields(outfit, { title: 'First editor' }), editor)
    const late = await saveOutfitFields(fields(outfit, { title: 'Second editor' }), editor)
    expect(late).toMatchObject({
      ok: false,
      reason: 'conflict',
      current: { id: outfit.id, version: outfit.version + 1, values: { title: 'First editor' } },
    })
    expect((await prisma().outfit.findUniqueOrThrow({ where: { id: outfit.id } })).title).toBe('First editor')
    expect(await prisma().auditEvent.count({ where: { entityId: outfit.id } })).toBe(1)
  })

  it('validates every field with a message', () => {
    const result = outfitFieldsSchema.safeParse({
      id: 'x',
      version: 1,
      idolId: '',
      coverId: '',
      title: ' ',
      description: 'x'.repeat(2001),
      featured: false,
      published: true,
      publishedAt: 'next tuesday',
    })
    expect(result.success).toBe(false)
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]))
    expect(messages).toEqual({
      title: expect.stringMatching(/title/),
      description: expect.stringMatching(/2000/),
      publishedAt: expect.stringMatching(/date and time/),
      idolId: 'Choose the idol who wears it.',
    })
    expect(
      fields({ id: 'x', version: 1, idolId: 'i' }, { publishedAt: '2026-12-01T09:00' }).publishedAt,
    ).toBeInstanceOf(Date)
  })

  it('moves an outfit to another idol and sets its cover, naming both idols for invalidation', async () => {
    const [first, second] = [await createIdol(prisma()), await createIdol(prisma())]
    const outfit = await createOutfit(prisma(), { idolId: first.id, title: 'Moving' })
    const cover = await prisma().media.create({
      data: {
        key: 'media/ab/abababababababababababababababab.png',
        mime: 'image/png',
        width: 10,
        height: 10,
        bytes: 100,
      },
    })
    const result = await saveOutfitFields(fields(outfit, { idolId: second.id, coverId: cover.id }), editor)
    expect(result).toMatchObject({ ok: true, before: { idolSlugs: [first.slug] }, after: { idolSlugs: [second.slug] } })
    expect(await prisma().outfit.findUniqueOrThrow({ where: { id: outfit.id } })).toMatchObject({
      idolId: second.id,
      coverId: cover.id,
    })
  })

  it('refuses an unknown idol or image next to its field, writing nothing', async () => {
    const idol = await createIdol(prisma())
    const outfit = await createOutfit(prisma(), { idolId: idol.id, title: 'Stays' })
    expect(await saveOutfitFields(fields(outfit, { idolId: 'gone' }), editor)).toEqual({
      ok: false,
      reason: 'invalid',
      fields: { idolId: expect.stringContaining('idol') },
    })
    expect(await saveOutfitFields(fields(outfit, { coverId: 'gone' }), editor)).toEqual({
      ok: false,
      reason: 'invalid',
      fields: { coverId: expect.stringContaining('image') },
    })
    expect(await prisma().outfit.findUniqueOrThrow({ where: { id: outfit.id } })).toMatchObject({
      title: 'Stays',
      version: outfit.version,
    })
    expect(await prisma().auditEvent.count({ where: { entityId: outfit.id } })).toBe(0)
  })

  it('reports a missing outfit', async () => {
    expect(await saveOutfitFields(fields({ id: 'no-such-id', version: 1, idolId: 'i' }), editor)).toEqual({
      ok: false,
      reason: 'missing',
    })
  })
})

describe('moderation', () => {
  it('approves, hides and deletes in bulk, with an audit event each', async () => {
    const make = (body: string) =>
      prisma().comment.create({
        data: {
          targetType: 'OUTFIT',
          targetId: 'x',
          authorName: 'A',
          body,
          status: 'PENDING',
          visitorId: 'v',
          ipHash: 'h',
        },
      })
    const [a, b, c] = await Promise.all([make('one'), make('two'), make('three')])
    const at = (...rows: { id: string; version: number }[]) => rows.map(({ id, version }) => ({ id, version }))
    expect(await moderateComments({ comments: at(a, b), decision: 'approve' }, editor)).toEqual({ ok: true, count: 2 })
    // b is at version 2 now: a decision made on the page as it was before changes nothing.
    expect(await moderateComments({ comments: at(b, c), decision: 'hide' }, editor)).toMatchObject({
      ok: false,
      reason: 'conflict',
      current: { id: b.id, version: b.version + 1, values: { status: 'PUBLISHED' } },
    })
    expect(
      await moderateComments({ comments: at(c, { id: 'unknown', version: 1 }), decision: 'delete' }, editor),
    ).toEqual({
      ok: false,
      reason: 'missing',
    })
    expect(await prisma().comment.count({ where: { id: c.id } })).toBe(1)
    expect(
      await moderateComments({ comments: at({ ...b, version: b.version + 1 }), decision: 'hide' }, editor),
    ).toEqual({
      ok: true,
      count: 1,
    })
    expect(await moderateComments({ comments: at(c), decision: 'delete' }, editor)).toEqual({ ok: true, count: 1 })
    const statuses = await prisma().comment.findMany({
      where: { id: { in: [a.id, b.id, c.id] } },
      select: { id: true, status: true },
    })
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [a.id]: 'PUBLISHED', [b.id]: 'HIDDEN' })
    expect(await prisma().auditEvent.count({ where: { entityType: 'Comment' } })).toBe(4)
    expect(moderationSchema.safeParse({ comments: [], decision: 'approve' }).success).toBe(false)
    expect(moderationSchema.safeParse({ comments: ['x:1'], decision: 'burn' }).success).toBe(false)
    expect(moderationSchema.safeParse({ comments: ['x'], decision: 'hide' }).success).toBe(false)
    expect(moderationSchema.parse({ comments: ['abc-1:7'], decision: 'hide' }).comments).toEqual([
      { id: 'abc-1', version: 7 },
    ])
  })
})

describe('saving the pieces of an outfit', () => {
  it('replaces items in order with hotspots, all or nothing, under the version check', async () => {
    const { createProduct } = await import('@/prisma/seed/factories')
    const { saveOutfitItems, outfitItemsSchema } = await import('@/lib/data/admin/outfit-writes')
    const { searchProductsForPicker } = await import('@/lib/data/admin/product-search')
    const db = prisma()
    const idol = await createIdol(db)
    const [a, b, c] = await Promise.all([
      createProduct(db, { name: 'Pick Alpha' }),
      createProduct(db, { name: 'Pick Beta' }),
      createProduct(db, { name: 'Pick Gamma' }),
    ])
    const outfit = await createOutfit(db, { idolId: idol.id, productIds: [a!.id, b!.id] })

    const saved = await saveOutfitItems(
      {
        id: outfit.id,
        version: outfit.version,
        items: [
          { productId: c!.id, hotspotX: 0.5, hotspotY: 0.25 },
          { productId: a!.id, hotspotX: null, hotspotY: null },
        ],
      },
      editor,
    )
    // The product pages to refresh: the pieces taken off (b) as well as those on now (c, a).
    expect(saved).toMatchObject({
      ok: true,
      version: outfit.version + 1,
      before: { productSlugs: [a!.slug, b!.slug] },
      after: { productSlugs: [c!.slug, a!.slug] },
    })
    const items = await db.outfitItem.findMany({ where: { outfitId: outfit.id }, orderBy: { position: 'asc' } })
    expect(items.map((item) => [item.productId, item.position, item.hotspotX, item.hotspotY])).toEqual([
      [c!.id, 0, 0.5, 0.25],
      [a!.id, 1, null, null],
    ])
    expect(await db.auditEvent.findFirst({ where: { entityId: outfit.id, action: 'outfit.items' } })).toMatchObject({
      after: { items: [c!.sku, a!.sku] },
    })

    // Unknown product: nothing changes, not even the version.
    const unknown = await saveOutfitItems(
      { id: outfit.id, version: outfit.version + 1, items: [{ productId: 'nope', hotspotX: null, hotspotY: null }] },
      editor,
    )
    expect(unknown).toMatchObject({
      ok: false,
      reason: 'invalid',
      fields: { items: expect.stringMatching(/no longer exists/) },
    })
    expect((await db.outfit.findUniqueOrThrow({ where: { id: outfit.id } })).version).toBe(outfit.version + 1)
    expect(await db.outfitItem.count({ where: { outfitId: outfit.id } })).toBe(2)

    // Stale version: refused.
    expect(await saveOutfitItems({ id: outfit.id, version: outfit.version, items: [] }, editor)).toMatchObject({
      ok: false,
      reason: 'conflict',
    })
    expect(await db.outfitItem.count({ where: { outfitId: outfit.id } })).toBe(2)

    // Validation.
    expect(
      outfitItemsSchema.safeParse({ id: 'x', version: 1, items: [{ productId: 'p', hotspotX: 1.5, hotspotY: 0 }] })
        .success,
    ).toBe(false)
    expect(
      outfitItemsSchema.safeParse({
        id: 'x',
        version: 1,
        items: [
          { productId: 'p', hotspotX: null, hotspotY: null },
          { productId: 'p', hotspotX: null, hotspotY: null },
        ],
      }).error?.issues[0]?.message,
    ).toBe('Each product can be in a look once.')

    expect((await searchProductsForPicker('pick b')).map((p) => p.name)).toEqual(['Pick Beta'])
    expect(await searchProductsForPicker('   ')).toEqual([])
  })
})

describe('creating and deleting outfits', () => {
  it('creates drafts with unique slugs and deletes an outfit with everything that hangs on it', async () => {
    const { createOutfitDraft, deleteOutfit } = await import('@/lib/data/admin/outfit-writes')
    const { createMediaRow, createProduct } = await import('@/prisma/seed/factories')
    const db = prisma()
    const idol = await createIdol(db)
    const first = await createOutfitDraft({ title: 'Snow Day', idolId: idol.id }, editor)
    const second = await createOutfitDraft({ title: 'Snow Day', idolId: idol.id }, editor)
    const [a, b] = await Promise.all([
      db.outfit.findUniqueOrThrow({ where: { id: first.ok ? first.id : '' } }),
      db.outfit.findUniqueOrThrow({ where: { id: second.ok ? second.id : '' } }),
    ])
    expect([a.slug, b.slug]).toEqual(['snow-day', 'snow-day-2'])
    expect(a.published).toBe(false)
    expect(await createOutfitDraft({ title: 'Orphan', idolId: 'no-such-idol' }, editor)).toEqual({
      ok: false,
      reason: 'invalid',
      fields: { idolId: expect.stringMatching(/idol/) },
    })

    const product = await createProduct(db)
    await db.outfitItem.create({ data: { outfitId: a.id, productId: product.id, position: 0 } })
    await db.like.create({ data: { targetType: 'OUTFIT', targetId: a.id, visitorId: 'v1' } })
    await db.comment.create({
      data: { targetType: 'OUTFIT', targetId: a.id, authorName: 'A', body: 'Nice', visitorId: 'v1', ipHash: 'h' },
    })
    const photo = await createMediaRow(db)
    const shot = await db.shot.create({ data: { mediaId: photo.id, outfitId: a.id } })

    expect(await deleteOutfit({ id: a.id, version: a.version + 5 }, editor)).toMatchObject({
      ok: false,
      reason: 'conflict',
      current: { id: a.id, version: a.version },
    })
    expect(await deleteOutfit({ id: a.id, version: a.version }, editor)).toMatchObject({
      ok: true,
      refs: { slug: 'snow-day' },
    })
    expect(await db.outfit.findUnique({ where: { id: a.id } })).toBeNull()
    expect(await db.outfitItem.count({ where: { outfitId: a.id } })).toBe(0)
    expect(await db.like.count({ where: { targetId: a.id } })).toBe(0)
    expect(await db.comment.count({ where: { targetId: a.id } })).toBe(0)
    expect((await db.shot.findUniqueOrThrow({ where: { id: shot.id } })).outfitId).toBeNull()
    expect(await db.product.count({ where: { id: product.id } })).toBe(1)
    expect(await db.auditEvent.findFirst({ where: { entityId: a.id, action: 'outfit.delete' } })).toMatchObject({
      before: { slug: 'snow-day', items: [product.sku] },
    })
    expect(await deleteOutfit({ id: a.id, version: a.version }, editor)).toEqual({ ok: false, reason: 'missing' })
  })
})
