// Editors' uploads through the real route handlers, on the local driver and on a real
// S3-compatible server (s3rver): type judged by content, size caps, dimensions recorded, and a
// refused upload leaves no row and no object behind.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { prisma } from '@/lib/db/client'
import { type SignedInEditor } from '@/lib/data/admin/sessions'
import { mediaStorage } from '@/lib/storage'
import { deleteMedia, listMediaChoices, listMediaLibrary, mediaAltSchema, saveMediaAlt } from '@/lib/data/admin/media'
import { sniffImageType } from '@/lib/media/image-check'
import { sizedKeyOf } from '@/lib/storage/keys'
import { POST as startRoute } from '@/app/api/admin/uploads/route'
import { PUT as putRoute } from '@/app/api/admin/uploads/[id]/route'
import { POST as completeRoute } from '@/app/api/admin/uploads/[id]/complete/route'
import { GET as mediaRoute } from '@/app/media/[...key]/route'
import { createIdol, createOutfit } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'
import {
  counts,
  params,
  png,
  request,
  signedInEditor,
  stagedUploads as stagedIn,
  uniquePng,
  uploadSteps,
  useS3Storage,
  withSizesOf,
} from '../support/uploads'

const database = useFreshDatabase()
let editor: SignedInEditor
let cookie: string
let otherCookie: string

beforeAll(async () => {
  ;({ editor, cookie } = await signedInEditor('uploader@example.com'))
  ;({ cookie: otherCookie } = await signedInEditor('someone-else@example.com'))
})

const { start, upload } = uploadSteps(() => cookie)
const stagedUploads = () => stagedIn(database.dataDir)

describe('uploads on the local driver', () => {
  it('stores a checked image under its content key, records its size, and serves it', async () => {
    const body = await png(64, 48)
    const { put, completed } = await upload(body, {}, 'Camel coat, close up')
    expect(put!.status).toBe(204)
    expect(completed!.status).toBe(201)
    const { media } = (await completed!.json()) as {
      media: { id: string; url: string; width: number; height: number; alt: string }
    }
    expect(media).toMatchObject({ width: 64, height: 48, alt: 'Camel coat, close up' })
    const row = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })
    expect(row).toMatchObject({
      mime: 'image/png',
      bytes: body.length,
      key: expect.stringMatching(/^media\/[0-9a-f]{2}\/[0-9a-f]{32}\.png$/),
    })
    const served = await mediaRoute(new Request(`http://localhost${media.url}`), {
      params: Promise.resolve({ key: media.url.split('/').slice(2) }),
    })
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).equals(body)).toBe(true)
    expect(
      await prisma().auditEvent.findFirst({
        where: { entityId: media.id, action: 'media.upload', editorId: editor.id },
      }),
    ).not.toBeNull()
    expect(await stagedUploads()).toEqual([])
  })

  it('makes every size a page shows when the image is stored: upright, in AVIF and WebP, never wider', async () => {
    // A phone photo: 1500×1000 as stored, turned a quarter by its EXIF orientation (6), so upright
    // it is 1000 wide. Sizes are made upright (browsers turn the original themselves).
    const body = await sharp({ create: { width: 1500, height: 1000, channels: 3, background: '#a63' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer()
    const { completed } = await upload(body, {}, 'A phone photo')
    expect(completed!.status).toBe(201)
    const { media } = (await completed!.json()) as { media: { id: string; url: string } }
    const row = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })
    expect(row).toMatchObject({ width: 1000, height: 1500, sizedWidths: [320, 640, 960, 1000] })
    for (const width of row.sizedWidths)
      for (const [format, decoded] of [
        ['avif', 'heif'],
        ['webp', 'webp'],
      ] as const) {
        const key = sizedKeyOf(row.key, width, format)
        const stored = await mediaStorage().get(key)
        expect(stored, key).not.toBeNull()
        expect(stored!.contentType).toBe(`image/${format}`)
        const { width: madeWidth, format: madeFormat } = await sharp(stored!.body).metadata()
        // Upright, the photo is 1000 wide: its widest size is its own width, not the 1280 step.
        expect({ madeWidth, madeFormat }).toEqual({ madeWidth: width, madeFormat: decoded })
        const served = await mediaRoute(new Request(`http://localhost/${key}`), {
          params: Promise.resolve({ key: key.split('/').slice(1) }),
        })
        expect(served.status).toBe(200)
        expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      }
  })

  it('gives the existing image when the same bytes are uploaded again', async () => {
    const body = await uniquePng(7)
    const first = await upload(body)
    const again = await upload(body)
    expect(first.completed!.status).toBe(201)
    expect(again.completed!.status).toBe(200)
    expect(((await again.completed!.json()) as { created: boolean }).created).toBe(false)
  })

  it('refuses a file that is not an image by its content, leaving no row and no object', async () => {
    const before = await counts()
    const { put, completed } = await upload(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      { name: 'sneaky.png' },
    )
    expect(put!.status).toBe(204)
    expect(completed!.status).toBe(415)
    expect(((await completed!.json()) as { error: string }).error).toMatch(
      /^This file is not a JPEG, PNG, WebP or AVIF image/,
    )
    expect(await counts()).toEqual(before)
    expect(await stagedUploads()).toEqual([])
  })

  it('refuses a truncated image', async () => {
    const body = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#446' } })
      .jpeg()
      .toBuffer()
    const before = await counts()
    const { completed } = await upload(body.subarray(0, Math.floor(body.length / 2)), {
      name: 'half.jpg',
      type: 'image/jpeg',
    })
    expect(completed!.status).toBe(415)
    expect(((await completed!.json()) as { error: string }).error).toContain('damaged or incomplete')
    expect(await counts()).toEqual(before)
  })

  it('accepts WebP and AVIF, recognised by their bytes', async () => {
    const base = sharp({ create: { width: 30, height: 20, channels: 3, background: '#a63' } })
    const webp = await base.clone().webp().toBuffer()
    const avif = await base.clone().avif().toBuffer()
    expect(sniffImageType(webp)).toBe('image/webp')
    expect(sniffImageType(avif)).toBe('image/avif')
    expect((await upload(webp, { name: 'a.webp', type: 'image/webp' })).completed!.status).toBe(201)
    expect((await upload(avif, { name: 'a.avif', type: 'image/avif' })).completed!.status).toBe(201)
    expect(
      await prisma().media.count({ where: { mime: { in: ['image/webp', 'image/avif'] }, width: 30, height: 20 } }),
    ).toBe(2)
  })

  it('caps the size when the upload starts and while the bytes arrive', async () => {
    const huge = await start({ name: 'poster.png', type: 'image/png', bytes: 11 * 1024 * 1024 })
    expect(huge.status).toBe(413)
    expect(((await huge.json()) as { error: string }).error).toBe(
      'This file is 11.0 MB; images can be at most 10.0 MB.',
    )
    const before = await counts()
    const body = await png()
    const { put } = await upload(body, { bytes: 100 }) // announces less than it sends
    expect(put!.status).toBe(413)
    expect(await counts()).toEqual(before)
    expect(await stagedUploads()).toEqual([])
  })

  it('refuses other types, bad requests, strangers and expired tickets', async () => {
    expect((await start({ name: 'cv.pdf', type: 'application/pdf', bytes: 10 })).status).toBe(415)
    expect((await startRoute(request('POST', '/api/admin/uploads', { json: { name: '' }, cookie }))).status).toBe(400)
    expect(
      (
        await startRoute(
          request('POST', '/api/admin/uploads', { json: { name: 'a.png', type: 'image/png', bytes: 10 } }),
        )
      ).status,
    ).toBe(401)

    const ticket = (await (await start({ name: 'a.png', type: 'image/png', bytes: 10 })).json()) as { uploadId: string }
    const body = await png()
    expect(
      (await putRoute(request('PUT', `/api/admin/uploads/${ticket.uploadId}`, { body }), params(ticket.uploadId)))
        .status,
    ).toBe(401)
    expect(
      (
        await putRoute(
          request('PUT', `/api/admin/uploads/${ticket.uploadId}`, { body, cookie: otherCookie }),
          params(ticket.uploadId),
        )
      ).status,
    ).toBe(403)
    expect(
      (
        await completeRoute(
          request('POST', `/api/admin/uploads/${ticket.uploadId}/complete`, { json: {}, cookie: otherCookie }),
          params(ticket.uploadId),
        )
      ).status,
    ).toBe(403)
    const unknown = 'f'.repeat(32)
    expect(
      (
        await completeRoute(
          request('POST', `/api/admin/uploads/${unknown}/complete`, { json: {}, cookie }),
          params(unknown),
        )
      ).status,
    ).toBe(404)
    expect(
      (
        await completeRoute(
          request('POST', '/api/admin/uploads/../../x/complete', { json: {}, cookie }),
          params('../../x'),
        )
      ).status,
    ).toBe(404)
    // Completing without the bytes: refused, and the ticket is used up.
    expect(
      (
        await completeRoute(
          request('POST', `/api/admin/uploads/${ticket.uploadId}/complete`, { json: {}, cookie }),
          params(ticket.uploadId),
        )
      ).status,
    ).toBe(400)
    expect(
      (
        await completeRoute(
          request('POST', `/api/admin/uploads/${ticket.uploadId}/complete`, { json: {}, cookie }),
          params(ticket.uploadId),
        )
      ).status,
    ).toBe(404)
  })
})

describe('the library', () => {
  it("offers campaign images in pickers, newest first, not the feed's packshots, and always the current choice", async () => {
    const { completed } = await upload(await uniquePng(17))
    const { media } = (await completed!.json()) as { media: { id: string } }
    const packshot = await prisma().media.create({
      data: {
        key: 'media/cd/cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd.png',
        mime: 'image/png',
        width: 10,
        height: 10,
        bytes: 10,
      },
    })
    await prisma().product.create({
      data: {
        sku: 'PICK-1',
        slug: 'pick-1',
        name: 'Packshot',
        brand: 'B',
        category: 'C',
        shopUrl: 'https://shop.example.com/p',
        priceCents: 100,
        currency: 'EUR',
        availability: 'IN_STOCK',
        images: { create: { mediaId: packshot.id, position: 0 } },
      },
    })
    const choices = await listMediaChoices()
    expect(choices[0]!.id).toBe(media.id)
    expect(choices.map((choice) => choice.id)).not.toContain(packshot.id)
    expect((await listMediaChoices(packshot.id))[0]!.id).toBe(packshot.id)
  })

  it('sweeps away uploads abandoned long ago when a new one starts', async () => {
    const staged = path.join(database.dataDir, 'storage', 'uploads', 'a'.repeat(32))
    await mkdir(path.dirname(staged), { recursive: true })
    await writeFile(staged, 'abandoned')
    const fresh = path.join(database.dataDir, 'storage', 'uploads', 'b'.repeat(32))
    await writeFile(fresh, 'in flight')
    const hourAgo = new Date(Date.now() - 3600_000)
    await utimes(staged, hourAgo, hourAgo)
    expect((await start({ name: 'a.png', type: 'image/png', bytes: 10 })).status).toBe(201)
    expect(await stagedUploads()).toEqual(['b'.repeat(32)])
    await rm(fresh)
  })

  it('refuses to delete an image in use, and deletes an unused one with its object and sizes', async () => {
    const { completed } = await upload(await uniquePng(11))
    const { media } = (await completed!.json()) as { media: { id: string } }
    const idol = await createIdol(prisma())
    const outfit = await createOutfit(prisma(), { idolId: idol.id, title: 'Covered' })
    await prisma().outfit.update({ where: { id: outfit.id }, data: { coverId: media.id } })
    const row = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })

    const refused = await deleteMedia({ id: media.id, version: row.version }, editor)
    expect(refused).toEqual({
      ok: false,
      reason: 'blocked',
      message: 'This image is still used (outfit “Covered”): replace it there first.',
    })
    expect(await mediaStorage().exists(row.key)).toBe(true)

    await prisma().outfit.update({ where: { id: outfit.id }, data: { coverId: null } })
    expect(await deleteMedia({ id: media.id, version: row.version + 1 }, editor)).toMatchObject({
      ok: false,
      reason: 'conflict',
      current: { id: media.id, version: row.version },
    })
    const stored = withSizesOf(row.key, row.sizedWidths)
    expect(stored).toHaveLength(3)
    for (const key of stored) expect(await mediaStorage().exists(key), key).toBe(true)
    expect(await deleteMedia({ id: media.id, version: row.version }, editor)).toEqual({
      ok: true,
      refs: { key: row.key, width: row.width },
    })
    expect(await prisma().media.findUnique({ where: { id: media.id } })).toBeNull()
    for (const key of stored) expect(await mediaStorage().exists(key), key).toBe(false)
    expect(await prisma().auditEvent.count({ where: { entityId: media.id, action: 'media.delete' } })).toBe(1)
  })

  it('saves alt text under a version check', async () => {
    const { completed } = await upload(await uniquePng(13))
    const { media } = (await completed!.json()) as { media: { id: string } }
    const saved = await saveMediaAlt(mediaAltSchema.parse({ id: media.id, version: 1, alt: 'A red scarf' }), editor)
    expect(saved).toMatchObject({ ok: true, media: { alt: 'A red scarf', version: 2 } })
    const stale = await saveMediaAlt(mediaAltSchema.parse({ id: media.id, version: 1, alt: 'Overwritten' }), editor)
    expect(stale).toMatchObject({
      ok: false,
      reason: 'conflict',
      current: { version: 2, values: { alt: 'A red scarf' } },
    })
    expect(mediaAltSchema.safeParse({ id: media.id, version: 2, alt: 'x'.repeat(301) }).success).toBe(false)
    // The library finds it by its alt text, in any case, and filters combine with the search.
    expect((await listMediaLibrary(1, 'all', 'RED scarf')).items.map((item) => item.id)).toEqual([media.id])
    expect((await listMediaLibrary(1, 'unused', 'red scarf')).total).toBe(1)
    expect((await listMediaLibrary(1, 'no-alt', 'red scarf')).total).toBe(0)
  })
})

describe('uploads straight to S3 (s3rver)', () => {
  const storage = useS3Storage(database)
  const { bucketKeys } = storage

  it('hands out a presigned PUT to the bucket and keeps only the checked image', async () => {
    const body = await uniquePng(21)
    const { s3 } = storage
    const { ticket, put, completed } = await upload(body, {}, 'From the bucket')
    expect(ticket!.url).toMatch(new RegExp(`^${s3.endpoint}/${s3.bucket}/uploads/[0-9a-f]{32}\\?.*X-Amz-Signature=`))
    expect(ticket!.url).toContain('X-Amz-SignedHeaders=content-length%3Bhost')
    expect(put!.status).toBe(200)
    expect(completed!.status).toBe(201)
    const { media } = (await completed!.json()) as { media: { id: string; url: string } }
    const row = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })
    expect(media.url).toBe(`${s3.endpoint}/${s3.bucket}/${row.key}`)
    // The original and its sizes (narrower than the smallest step: its own width only).
    expect(row.sizedWidths).toEqual([61])
    expect(await bucketKeys()).toEqual(withSizesOf(row.key, [61]))
    const served = await fetch(media.url)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const size = await fetch(sizedKeyOf(media.url, 61, 'avif'))
    expect(size.headers.get('content-type')).toBe('image/avif')
    expect(size.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await sharp(Buffer.from(await size.arrayBuffer())).metadata()).toMatchObject({ format: 'heif', width: 61 })
    expect(Buffer.from(await served.arrayBuffer()).equals(body)).toBe(true)
  })

  it('deletes a refused upload from the bucket and records nothing', async () => {
    const keysBefore = await bucketKeys()
    const before = await counts()
    const { completed } = await upload(Buffer.from('GIF89a not allowed here'), { name: 'old.gif' })
    expect(completed!.status).toBe(415)
    expect(await counts()).toEqual(before)
    expect(await bucketKeys()).toEqual(keysBefore)
  })

  it('sweeps staged uploads out of the bucket', async () => {
    await mediaStorage().put(`uploads/${'c'.repeat(32)}`, Buffer.from('abandoned'), 'application/octet-stream')
    expect(await bucketKeys()).toContain(`uploads/${'c'.repeat(32)}`)
    expect(await mediaStorage().sweepUploads(3600)).toBe(0) // too recent
    expect(await mediaStorage().sweepUploads(-1)).toBe(1)
    expect((await bucketKeys()).filter((key) => key.startsWith('uploads/'))).toEqual([])
  })

  it('does not accept bytes on the local route when media live in S3', async () => {
    const ticket = (await (await start({ name: 'a.png', type: 'image/png', bytes: 10 })).json()) as { uploadId: string }
    expect(
      (
        await putRoute(
          request('PUT', `/api/admin/uploads/${ticket.uploadId}`, { body: await png(), cookie }),
          params(ticket.uploadId),
        )
      ).status,
    ).toBe(404)
  })
})
