// Editors' writes to idols, shots, socials and products: create, edit, delete; validation and
// version conflicts that write nothing; reactions deleted with their target; audit events;
// product saves that cannot touch the feed's fields.
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import type { SignedInEditor } from '@/lib/data/admin/sessions'
import { deleteFromForm, saveFromForm } from '@/lib/actions/edit-form'
import {
  createIdol,
  deleteIdol,
  idolCreateSchema,
  idolSchema,
  idolUpdateSchema,
  updateIdol,
} from '@/lib/data/admin/idols'
import { createShot, deleteShot, shotSchema, updateShot } from '@/lib/data/admin/shots'
import { createSocial, deleteSocial, socialSchema, socialUpdateSchema, updateSocial } from '@/lib/data/admin/socials'
import { listProductsForEditors, productEditorialSchema, updateProductEditorial } from '@/lib/data/admin/products'
import {
  createIdol as createIdolRow,
  createMediaRow,
  createOutfit,
  createProduct,
  unique,
} from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'
import { actingEditor } from '../support/editors'

useFreshDatabase()
let editor: SignedInEditor
beforeAll(async () => {
  editor = await actingEditor(`content-${process.pid}@example.com`)
})

const db = () => prisma()
const auditCount = (entityId: string) => db().auditEvent.count({ where: { entityId } })
const form = (fields: Record<string, string | number | boolean>) => {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields))
    if (value !== false) data.set(name, value === true ? 'on' : String(value))
  return data
}
/** Some likes and comments on a target, to see them go with it. */
async function react(targetType: 'IDOL' | 'SHOT' | 'SOCIAL', targetId: string) {
  await db().like.create({ data: { targetType, targetId, visitorId: `v-${unique()}` } })
  await db().comment.create({
    data: { targetType, targetId, authorName: 'A', body: 'Nice', visitorId: 'v', ipHash: 'h' },
  })
}
const reactions = async (targetId: string) =>
  (await db().like.count({ where: { targetId } })) + (await db().comment.count({ where: { targetId } }))

const idolForm = (overrides: Record<string, unknown> = {}) => ({
  slug: `idol-${unique()}`,
  name: 'Nina Vale',
  bio: 'Sculptor.',
  portraitId: '',
  instagram: '@nina.vale',
  tiktok: '',
  facebook: '',
  position: '3',
  published: true,
  ...overrides,
})
const idolInput = (overrides: Record<string, unknown> = {}) => idolSchema.parse(idolForm(overrides))

describe('idols', () => {
  it('creates, edits (slug too) and deletes an idol, auditing each step; reactions go with it, shots stay unlinked', async () => {
    const portrait = await createMediaRow(db())
    const created = await createIdol(idolInput({ portraitId: portrait.id }), editor)
    if (!created.ok) throw new Error(`not created: ${JSON.stringify(created)}`)
    const row = await db().idol.findUniqueOrThrow({ where: { id: created.id } })
    expect(row).toMatchObject({
      name: 'Nina Vale',
      instagram: 'nina.vale',
      tiktok: null,
      portraitId: portrait.id,
      position: 3,
      published: true,
      version: 1,
    })

    const updated = await updateIdol(
      idolUpdateSchema.parse({ ...idolForm({ slug: 'nina-vale-renamed', name: 'Nina V.' }), id: row.id, version: '1' }),
      editor,
    )
    expect(updated).toMatchObject({
      ok: true,
      version: 2,
      before: { slug: row.slug },
      after: { slug: 'nina-vale-renamed' },
    })
    expect(await db().idol.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      name: 'Nina V.',
      slug: 'nina-vale-renamed',
      portraitId: null,
      version: 2,
    })

    const photo = await createMediaRow(db())
    const shot = await db().shot.create({ data: { mediaId: photo.id, idolId: row.id } })
    await react('IDOL', row.id)
    expect(await deleteIdol({ id: row.id, version: 1 }, editor)).toMatchObject({
      ok: false,
      reason: 'conflict',
      current: { version: 2 },
    })
    expect(await reactions(row.id)).toBe(2)
    expect(await deleteIdol({ id: row.id, version: 2 }, editor)).toEqual({
      ok: true,
      refs: { slug: 'nina-vale-renamed' },
    })
    expect(await db().idol.count({ where: { id: row.id } })).toBe(0)
    expect(await reactions(row.id)).toBe(0)
    expect((await db().shot.findUniqueOrThrow({ where: { id: shot.id } })).idolId).toBeNull()

    const events = await db().auditEvent.findMany({ where: { entityId: row.id }, orderBy: { at: 'asc' } })
    expect(events.map((event) => event.action)).toEqual(['idol.create', 'idol.update', 'idol.delete'])
    expect(events[1]).toMatchObject({
      editorId: editor.id,
      entityType: 'Idol',
      before: { name: 'Nina Vale', slug: row.slug },
      after: { name: 'Nina V.', slug: 'nina-vale-renamed' },
    })
    expect(events[2]).toMatchObject({ before: { name: 'Nina V.' }, after: null })
  })

  it('validates every field with a message, and writes nothing for an invalid form', async () => {
    const result = idolSchema.safeParse({
      slug: 'Nina Vale',
      name: ' ',
      bio: 'x'.repeat(2001),
      portraitId: '',
      instagram: 'https://instagram.com/nina',
      tiktok: '',
      facebook: '',
      position: '-1',
      published: false,
    })
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]))
    expect(messages).toEqual({
      slug: expect.stringMatching(/lowercase/),
      name: expect.stringMatching(/name/),
      bio: expect.stringMatching(/2000/),
      instagram: expect.stringMatching(/handle/),
      position: expect.stringMatching(/0 or more/),
    })
    const before = await db().idol.count()
    const { state, saved } = await saveFromForm(
      editor,
      form({ slug: 'bad slug!', name: 'Ok Name', position: 'ten' }),
      idolSchema,
      createIdol,
      'idol',
    )
    expect(saved).toBeUndefined()
    expect(state).toMatchObject({
      error: expect.stringMatching(/Nothing was saved/),
      fields: { slug: expect.any(String), position: expect.any(String) },
      values: { slug: 'bad slug!', name: 'Ok Name', published: false },
    })
    expect(await db().idol.count()).toBe(before)
  })

  it("makes a new idol's slug from the name when it is left empty, never taking one in use", async () => {
    const first = await createIdol(idolCreateSchema.parse(idolForm({ slug: '', name: 'Zoë Ångström & Co' })), editor)
    const second = await createIdol(idolCreateSchema.parse(idolForm({ slug: '', name: 'Zoe Angstrom and Co' })), editor)
    if (!first.ok || !second.ok) throw new Error('not created')
    expect((await db().idol.findUniqueOrThrow({ where: { id: first.id } })).slug).toBe('zoe-angstrom-and-co')
    expect((await db().idol.findUniqueOrThrow({ where: { id: second.id } })).slug).toBe('zoe-angstrom-and-co-2')
    expect(idolUpdateSchema.safeParse({ ...idolForm({ slug: '' }), id: first.id, version: 1 }).success).toBe(false) // an existing idol keeps a slug
  })

  it('refuses a taken slug and an unknown portrait with field errors, changing nothing', async () => {
    const [taken, idol] = await Promise.all([createIdolRow(db()), createIdolRow(db(), { name: 'Kept Name' })])
    const before = await db().idol.count()
    expect(await createIdol(idolInput({ slug: taken.slug }), editor)).toEqual({
      ok: false,
      reason: 'invalid',
      fields: { slug: expect.stringMatching(/already has this slug/) },
    })
    expect(await createIdol(idolInput({ portraitId: 'no-such-media' }), editor)).toEqual({
      ok: false,
      reason: 'invalid',
      fields: { portraitId: expect.stringMatching(/no longer in the library/) },
    })
    expect(await db().idol.count()).toBe(before)
    const edit = await updateIdol(
      { ...idolInput({ slug: taken.slug, name: 'Changed' }), id: idol.id, version: idol.version },
      editor,
    )
    expect(edit).toMatchObject({ ok: false, reason: 'invalid', fields: { slug: expect.any(String) } })
    // Keeping its own slug is fine.
    expect(
      await updateIdol(
        { ...idolInput({ slug: idol.slug, name: 'Changed' }), id: idol.id, version: idol.version },
        editor,
      ),
    ).toMatchObject({ ok: true })
  })

  it('refuses a stale save and shows the stored version, changing nothing', async () => {
    const idol = await createIdolRow(db(), { name: 'Original' })
    await updateIdol(
      { ...idolInput({ slug: idol.slug, name: 'First editor' }), id: idol.id, version: idol.version },
      editor,
    )
    const late = await updateIdol(
      { ...idolInput({ slug: idol.slug, name: 'Second editor' }), id: idol.id, version: idol.version },
      editor,
    )
    expect(late).toMatchObject({
      ok: false,
      reason: 'conflict',
      current: { version: idol.version + 1, values: { name: 'First editor' } },
    })
    expect((await db().idol.findUniqueOrThrow({ where: { id: idol.id } })).name).toBe('First editor')
    expect(await auditCount(idol.id)).toBe(1)
    expect(await updateIdol({ ...idolInput(), id: 'no-such-idol', version: 1 }, editor)).toEqual({
      ok: false,
      reason: 'missing',
    })
  })

  it('refuses to delete an idol who still wears outfits, saying how many', async () => {
    const idol = await createIdolRow(db())
    await createOutfit(db(), { idolId: idol.id })
    await createOutfit(db(), { idolId: idol.id })
    await react('IDOL', idol.id)
    const refused = await deleteIdol({ id: idol.id, version: idol.version }, editor)
    expect(refused).toEqual({ ok: false, reason: 'blocked', message: expect.stringContaining('still wears 2 outfits') })
    expect(await db().idol.count({ where: { id: idol.id } })).toBe(1)
    expect(await reactions(idol.id)).toBe(2)
    expect(await auditCount(idol.id)).toBe(0)
    // The same through the action's helper: the message reaches the form.
    expect(
      (await deleteFromForm(editor, form({ id: idol.id, version: idol.version }), deleteIdol, 'idol')).state.error,
    ).toMatch(/2 outfits/)
  })
})

describe('shots', () => {
  it('creates, edits (moving it between idols and outfits) and deletes a shot with its reactions, audited', async () => {
    const [photo, first, second] = await Promise.all([createMediaRow(db()), createIdolRow(db()), createIdolRow(db())])
    const outfit = await createOutfit(db(), { idolId: second.id })
    const input = shotSchema.parse({
      mediaId: photo.id,
      caption: 'Backstage',
      credit: 'Photo: Ines',
      idolId: first.id,
      outfitId: '',
      position: '5',
      published: true,
    })
    const created = await createShot(input, editor)
    expect(created).toMatchObject({
      ok: true,
      version: 1,
      before: null,
      after: { idolSlug: first.slug, outfitSlug: null },
    })
    if (!created.ok) return
    const moved = await updateShot(
      { ...input, caption: 'On set', idolId: second.id, outfitId: outfit.id, id: created.id, version: 1 },
      editor,
    )
    expect(moved).toMatchObject({
      ok: true,
      version: 2,
      before: { idolSlug: first.slug, outfitSlug: null },
      after: { idolSlug: second.slug, outfitSlug: outfit.slug },
    })
    expect(await db().shot.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      caption: 'On set',
      idolId: second.id,
      outfitId: outfit.id,
      position: 5,
    })

    const stale = await updateShot({ ...input, caption: 'Stale', id: created.id, version: 1 }, editor)
    expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { values: { caption: 'On set' } } })
    expect((await db().shot.findUniqueOrThrow({ where: { id: created.id } })).caption).toBe('On set')

    await react('SHOT', created.id)
    expect(await deleteShot({ id: created.id, version: 2 }, editor)).toEqual({
      ok: true,
      refs: { idolSlug: second.slug, outfitSlug: outfit.slug },
    })
    expect(await db().shot.count({ where: { id: created.id } })).toBe(0)
    expect(await reactions(created.id)).toBe(0)
    expect(await db().media.count({ where: { id: photo.id } })).toBe(1) // the photo stays in the library
    const actions = (await db().auditEvent.findMany({ where: { entityId: created.id }, orderBy: { at: 'asc' } })).map(
      (event) => event.action,
    )
    expect(actions).toEqual(['shot.create', 'shot.update', 'shot.delete'])
  })

  it('needs a stored photo and known idols and outfits; writes nothing otherwise', async () => {
    const messages = shotSchema
      .safeParse({
        mediaId: '',
        caption: 'x'.repeat(301),
        credit: '',
        idolId: '',
        outfitId: '',
        position: '1.5',
        published: false,
      })
      .error!.issues.map((issue) => [issue.path[0], issue.message])
    expect(Object.fromEntries(messages)).toEqual({
      mediaId: 'Choose the photo.',
      caption: expect.stringMatching(/300/),
      position: expect.stringMatching(/whole number/),
    })
    const before = await db().shot.count()
    const photo = await createMediaRow(db())
    const result = await createShot(
      shotSchema.parse({
        mediaId: 'gone',
        caption: '',
        credit: '',
        idolId: 'nobody',
        outfitId: 'nothing',
        position: '0',
        published: true,
      }),
      editor,
    )
    expect(result).toEqual({
      ok: false,
      reason: 'invalid',
      fields: {
        mediaId: expect.any(String),
        idolId: expect.stringMatching(/idol/),
        outfitId: expect.stringMatching(/outfit/),
      },
    })
    expect(
      await createShot(
        shotSchema.parse({
          mediaId: photo.id,
          caption: '',
          credit: '',
          idolId: '',
          outfitId: '',
          position: '0',
          published: true,
        }),
        editor,
      ),
    ).toMatchObject({ ok: true })
    expect(await db().shot.count()).toBe(before + 1)
  })
})

const socialForm = (overrides: Record<string, string | boolean> = {}) => ({
  network: 'INSTAGRAM',
  url: `https://instagram.example.com/p/${unique()}`,
  author: 'nina.vale',
  text: 'Fitting day',
  mediaId: '',
  postedAt: '2026-11-20T10:30',
  idolId: '',
  approved: false,
  ...overrides,
})

describe('socials', () => {
  it('creates, approves (moving it to an idol) and deletes a post with its reactions, audited', async () => {
    const idol = await createIdolRow(db())
    const created = await createSocial(socialSchema.parse(socialForm()), editor)
    if (!created.ok) throw new Error(`not created: ${JSON.stringify(created)}`)
    expect(await db().social.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      network: 'INSTAGRAM',
      approved: false,
      idolId: null,
      postedAt: new Date('2026-11-20T10:30'),
    })

    const { state, saved } = await saveFromForm(
      editor,
      form({ ...socialForm({ approved: true, idolId: idol.id }), id: created.id, version: 1 }),
      socialUpdateSchema,
      updateSocial,
      'post',
    )
    expect(state).toMatchObject({ message: expect.stringMatching(/Saved/), version: 2 })
    expect(saved).toMatchObject({ before: { idolSlug: null }, after: { idolSlug: idol.slug } })
    expect(await db().social.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      approved: true,
      idolId: idol.id,
      version: 2,
    })

    const stale = await saveFromForm(
      editor,
      form({ ...socialForm({ text: 'Stale' }), id: created.id, version: 1 }),
      socialUpdateSchema,
      updateSocial,
      'post',
    )
    expect(stale.state).toMatchObject({
      error: expect.stringMatching(/Someone else saved this post/),
      conflict: { version: 2, values: { approved: true } },
      values: { text: 'Stale' },
    })
    expect((await db().social.findUniqueOrThrow({ where: { id: created.id } })).text).toBe('Fitting day')

    await react('SOCIAL', created.id)
    expect(await deleteSocial({ id: created.id, version: 2 }, editor)).toEqual({
      ok: true,
      refs: { idolSlug: idol.slug },
    })
    expect(await reactions(created.id)).toBe(0)
    expect(await deleteSocial({ id: created.id, version: 2 }, editor)).toEqual({ ok: false, reason: 'missing' })
    expect(await auditCount(created.id)).toBe(3)
  })

  it('wants an https address that is not on the wall yet, a known network and a date', async () => {
    const messages = socialSchema
      .safeParse(socialForm({ network: 'MYSPACE', url: 'http://example.com/post', author: '', postedAt: 'yesterday' }))
      .error!.issues.map((issue) => [issue.path[0], issue.message])
    expect(Object.fromEntries(messages)).toEqual({
      network: 'Choose the network.',
      url: expect.stringMatching(/https/),
      author: expect.any(String),
      postedAt: expect.stringMatching(/date and time/),
    })
    expect(socialSchema.safeParse(socialForm({ url: 'not a url' })).success).toBe(false)

    const first = await createSocial(
      socialSchema.parse(socialForm({ url: 'https://tiktok.example.com/@nina/1' })),
      editor,
    )
    expect(first.ok).toBe(true)
    const before = await db().social.count()
    expect(
      await createSocial(socialSchema.parse(socialForm({ url: 'https://tiktok.example.com/@nina/1' })), editor),
    ).toEqual({ ok: false, reason: 'invalid', fields: { url: expect.stringMatching(/already on the wall/) } })
    expect(await db().social.count()).toBe(before)

    // Two saves racing for one address: whether the check or the unique index stops the second, it gets the field error.
    const url = `https://x.example.com/race/${unique()}`
    const raced = await Promise.all([
      createSocial(socialSchema.parse(socialForm({ url })), editor),
      createSocial(socialSchema.parse(socialForm({ url })), editor),
    ])
    expect(raced.filter((result) => result.ok)).toHaveLength(1)
    expect(raced.find((result) => !result.ok)).toEqual({
      ok: false,
      reason: 'invalid',
      fields: { url: expect.stringMatching(/already on the wall/) },
    })
    expect(await db().social.count({ where: { url } })).toBe(1)
  })
})

describe('products', () => {
  it('saves only the editorial fields, whatever the form posts, under the version check', async () => {
    const product = await createProduct(db(), { name: 'Plain Coat', priceCents: 12_900, availability: 'IN_STOCK' })
    const posted = form({
      id: product.id,
      version: product.version,
      name: 'The Campaign Coat',
      description: 'Worn by Nina on set.',
      sku: 'HIJACKED',
      priceCents: 1,
      currency: 'USD',
      availability: 'OUT_OF_STOCK',
      active: false,
      slug: 'hijacked',
    })
    const { state, saved } = await saveFromForm(
      editor,
      posted,
      productEditorialSchema,
      updateProductEditorial,
      'product',
    )
    expect(state).toMatchObject({ message: expect.stringMatching(/Saved/) })
    expect(saved?.after).toEqual({ slug: product.slug })
    const after = await db().product.findUniqueOrThrow({ where: { id: product.id } })
    expect(after).toMatchObject({
      name: 'The Campaign Coat',
      description: 'Worn by Nina on set.',
      sku: product.sku,
      slug: product.slug,
      priceCents: 12_900,
      currency: product.currency,
      availability: 'IN_STOCK',
      active: true,
      version: product.version + 1,
    })

    // Even called directly with extra fields, the save writes name and description only.
    const direct = {
      ...productEditorialSchema.parse({ id: product.id, version: after.version, name: 'Coat', description: '' }),
      sku: 'X',
      priceCents: 2,
      availability: 'PREORDER',
    }
    expect(await updateProductEditorial(direct, editor)).toMatchObject({ ok: true })
    expect(await db().product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
      name: 'Coat',
      sku: product.sku,
      priceCents: 12_900,
      availability: 'IN_STOCK',
    })

    const stale = await updateProductEditorial(
      { id: product.id, version: product.version, name: 'Stale', description: '' },
      editor,
    )
    expect(stale).toMatchObject({
      ok: false,
      reason: 'conflict',
      current: { values: { name: 'Coat', sku: product.sku } },
    })
    const invalid = await saveFromForm(
      editor,
      form({ id: product.id, version: after.version + 1, name: 'x', description: '' }),
      productEditorialSchema,
      updateProductEditorial,
      'product',
    )
    expect(invalid.state.fields).toEqual({ name: expect.stringMatching(/2–160/) })
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).name).toBe('Coat')
    const events = await db().auditEvent.findMany({ where: { entityId: product.id }, orderBy: { at: 'asc' } })
    expect(events.map((event) => [event.action, (event.after as { name: string }).name])).toEqual([
      ['product.update', 'The Campaign Coat'],
      ['product.update', 'Coat'],
    ])
  })

  it('lists and searches products for editors, a page at a time', async () => {
    await createProduct(db(), { name: 'Findable Velvet Scarf', active: false })
    const found = await listProductsForEditors('velvet scarf', 1)
    expect(found.items.map((item) => [item.name, item.active])).toEqual([['Findable Velvet Scarf', false]])
    const all = await listProductsForEditors('', 1)
    expect(all.total).toBe(await db().product.count())
  })
})

describe('signed out', () => {
  it('refuses before reading the form and writes nothing', async () => {
    const before = await db().idol.count()
    const { state, saved } = await saveFromForm(
      { error: 'Please sign in again.' },
      form({ slug: 'sneaky', name: 'Sneaky' }),
      idolSchema,
      createIdol,
      'idol',
    )
    expect(saved).toBeUndefined()
    expect(state.error).toBe('Please sign in again.')
    expect(
      (await deleteFromForm({ error: 'Please sign in again.' }, form({ id: 'x', version: 1 }), deleteIdol, 'idol'))
        .state.error,
    ).toBe('Please sign in again.')
    expect(await db().idol.count()).toBe(before)
  })
})
