// Hostile files and a storage outage against the upload flow, through the real route handlers, on
// the local driver and on a real S3-compatible server (s3rver). Every refusal is a 4xx with a
// message an editor can act on, and leaves nothing behind: no media row, no audit event and no
// stored object (staged uploads included). Storage that cannot be reached answers 503 with
// Retry-After, and never leaves a media row without its object.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { access } from 'node:fs/promises'
import path from 'node:path'
import zlib from 'node:zlib'
import sharp from 'sharp'
import { prisma } from '@/lib/db/client'
import type { SignedInEditor } from '@/lib/data/admin/sessions'
import { mediaStorage } from '@/lib/storage'
import { MAX_IMAGE_SIDE } from '@/lib/media/image-check'
import {
  completeUpload,
  receiveLocalUpload,
  startUpload,
  UPLOAD_TICKET_SECONDS,
  UploadError,
} from '@/lib/media/uploads'
import { GET as mediaRoute } from '@/app/media/[...key]/route'
import { useFreshDatabase } from '../support/database'
import {
  counts,
  errorOf,
  localStorageKeys,
  signedInEditor,
  uniquePng,
  uploadSteps,
  useS3Storage,
  withSizesOf,
  type Ticket,
} from '../support/uploads'

const database = useFreshDatabase()
let editor: SignedInEditor
let cookie: string

beforeAll(async () => {
  ;({ editor, cookie } = await signedInEditor('hostile-uploads@example.com'))
})

const { start, put, complete, upload } = uploadSteps(() => cookie)

// An original or one of its sizes (lib/media/image-sizes.ts).
const MEDIA_KEY = /^media\/[0-9a-f]{2}\/[0-9a-f]{32}(-w\d+)?\.(jpg|png|webp|avif)$/
const PAYLOAD = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>')

type Format = 'png' | 'jpeg' | 'webp' | 'avif'
const MIME: Record<Format, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', avif: 'image/avif' }

/** A real photo-like image (noise does not compress away), as sharp's encoders write it. */
function encoded(format: Format, { width = 120, height = 80, seed = 0 } = {}): Promise<Buffer> {
  const image = sharp({
    create: { width, height, channels: 3, background: { r: seed % 255, g: 80, b: 60 }, noise: { type: 'gaussian' } },
  })
  return image[format]().toBuffer()
}

/** Rows, audit events and every stored key: what a refused upload must leave exactly as it was. */
async function snapshot(keys: () => Promise<string[]> = () => localStorageKeys(database.dataDir)) {
  return { ...(await counts()), keys: await keys() }
}

async function expectRefused(
  response: Response | undefined,
  status: number,
  message: RegExp,
  before: Awaited<ReturnType<typeof snapshot>>,
  keys?: () => Promise<string[]>,
) {
  expect(response!.status).toBe(status)
  expect(response!.headers.get('content-type')).toContain('application/json')
  expect(await errorOf(response!)).toMatch(message)
  expect(await snapshot(keys)).toEqual(before)
}

// --- Building hostile PNGs and JPEGs by hand ------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(typed))
  return Buffer.concat([length, typed, crc])
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A well-formed PNG of a few KB whose header declares width × height RGBA pixels. */
function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // RGBA
  // The first rows of zeros (a filter byte and 4 bytes per pixel each): deflate makes them tiny.
  const rows = zlib.deflateSync(Buffer.alloc((1 + width * 4) * 8))
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** The same JPEG with its frame header (SOF) declaring another size. */
function jpegDeclaring(jpeg: Buffer, width: number, height: number): Buffer {
  const patched = Buffer.from(jpeg)
  for (let offset = 2; offset + 4 <= patched.length;) {
    const marker = patched[offset + 1]!
    if (marker === 0xc0 || marker === 0xc2) {
      patched.writeUInt16BE(height, offset + 5)
      patched.writeUInt16BE(width, offset + 7)
      return patched
    }
    offset += 2 + patched.readUInt16BE(offset + 2)
  }
  throw new Error('no frame header')
}

/** A JPEG comment segment (ignored by decoders) holding these bytes. */
function jpegComment(data: Buffer): Buffer {
  const header = Buffer.from([0xff, 0xfe, 0, 0])
  header.writeUInt16BE(data.length + 2, 2)
  return Buffer.concat([header, data])
}

afterEach(() => {
  vi.useRealTimers()
})

describe('files that are not the image they claim to be', () => {
  it.each([
    ['an HTML page', Buffer.from('<!doctype html><html><script>alert(1)</script></html>')],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')],
    ['a ZIP archive', Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00 payload', 'latin1')],
    ['text that only looks like a PNG', Buffer.from('\u2030PNG\r\n<script>alert(1)</script>')],
  ])('refuses %s declared image/png by its bytes, leaving nothing', async (_what, body) => {
    const before = await snapshot()
    const { put: sent, completed } = await upload(body, { name: 'look.png', type: 'image/png' })
    expect(sent!.status).toBe(204)
    await expectRefused(completed, 415, /^This file is not a JPEG, PNG, WebP or AVIF image/, before)
  })

  it('refuses a file that starts with the PNG signature but is HTML after it', async () => {
    const before = await snapshot()
    const body = Buffer.concat([PNG_SIGNATURE, Buffer.from('<html><script>alert(1)</script></html>')])
    const { completed } = await upload(body)
    await expectRefused(completed, 415, /^This image is damaged or incomplete/, before)
  })

  it('trusts the bytes, not the declared type: a JPEG sent as image/png is stored as a JPEG', async () => {
    const { completed } = await upload(await encoded('jpeg', { seed: 1 }), { name: 'look.png', type: 'image/png' })
    expect(completed!.status).toBe(201)
    const { media } = (await completed!.json()) as { media: { id: string } }
    const row = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })
    expect(row).toMatchObject({ mime: 'image/jpeg', key: expect.stringMatching(/\.jpg$/) })
  })
})

describe('polyglots: an image with something else after its end', () => {
  // Policy (lib/media/image-check.ts): what follows the image's end is cut off, never stored or
  // served; the picture is accepted. The stored object is byte for byte the image the encoder wrote.
  it.each(['png', 'jpeg', 'webp', 'avif'] as const)(
    'keeps only the %s image: the HTML appended after its end is neither stored nor served',
    async (format) => {
      const image = await encoded(format, { seed: 10 })
      const { completed } = await upload(Buffer.concat([image, PAYLOAD]), {
        name: `look.${format}`,
        type: MIME[format],
      })
      expect(completed!.status).toBe(201)
      const { media } = (await completed!.json()) as { media: { id: string; url: string } }
      const row = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })
      expect(row).toMatchObject({ mime: MIME[format], bytes: image.length, width: 120, height: 80 })
      expect((await mediaStorage().get(row.key))!.body.equals(image)).toBe(true)

      const served = await mediaRoute(new Request(`http://localhost${media.url}`), {
        params: Promise.resolve({ key: media.url.split('/').slice(2) }),
      })
      expect(served.status).toBe(200)
      expect(served.headers.get('content-type')).toBe(MIME[format])
      expect(served.headers.get('x-content-type-options')).toBe('nosniff')
      const body = Buffer.from(await served.arrayBuffer())
      expect(body.equals(image)).toBe(true)
      expect(body.includes('<script')).toBe(false)
      expect(await localStorageKeys(database.dataDir)).not.toContainEqual(expect.stringMatching(/^uploads\//))
    },
  )

  it("cuts a JPEG at its own end, not at an end marker inside it: a progressive photo with an embedded JPEG and a phone's trailer", async () => {
    const photo = await sharp({
      create: { width: 200, height: 150, channels: 3, background: '#735', noise: { type: 'gaussian' } },
    })
      .jpeg({ progressive: true })
      .toBuffer()
    // An embedded JPEG (its own start and end markers) in a comment, as a thumbnail sits in APP1.
    const withThumbnail = Buffer.concat([photo.subarray(0, 2), jpegComment(await encoded('jpeg')), photo.subarray(2)])
    // Phones append a second picture or a video after the end (MPF, motion photos).
    const trailer = await encoded('jpeg', { seed: 3 })
    const { completed } = await upload(Buffer.concat([withThumbnail, trailer]), {
      name: 'phone.jpg',
      type: 'image/jpeg',
    })
    expect(completed!.status).toBe(201)
    const { media } = (await completed!.json()) as { media: { id: string } }
    const row = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })
    expect(row).toMatchObject({ width: 200, height: 150, bytes: withThumbnail.length })
    expect((await mediaStorage().get(row.key))!.body.equals(withThumbnail)).toBe(true)
  })
})

describe('decompression bombs', () => {
  it.each([
    ['a PNG', () => pngBomb(100_000, 100_000)],
    ['a JPEG', async () => jpegDeclaring(await encoded('jpeg'), 60_000, 60_000)],
  ])('refuses %s of a few KB declaring billions of pixels at once, saying it is too large', async (_what, build) => {
    const body = await build()
    expect(body.length).toBeLessThan(20_000)
    await upload(await uniquePng(1)) // sharp loaded and warm: what follows measures the bomb only
    const before = await snapshot()
    const rss = process.memoryUsage.rss()
    const startedAt = performance.now()
    const { completed } = await upload(body, { name: 'bomb.png' })
    expect(performance.now() - startedAt).toBeLessThan(2_000)
    expect(process.memoryUsage.rss() - rss).toBeLessThan(100 * 1024 * 1024)
    await expectRefused(completed, 415, /^This image is too large in pixels: .* at most 12000×12000 pixels\.$/, before)
  })

  it('refuses an image wider than the limit, saying its size', async () => {
    const before = await snapshot()
    const wide = await sharp({ create: { width: MAX_IMAGE_SIDE + 1, height: 2, channels: 3, background: '#000' } })
      .png()
      .toBuffer()
    const { completed } = await upload(wide, { name: 'banner.png' })
    await expectRefused(completed, 415, /at most 12000 pixels on a side; this one is 12001×2\.$/, before)
  })
})

describe('truncated images', () => {
  // The JPEG cut in half is in media-uploads.test.ts; here every format, cut in half and cut short
  // of its end marker only (a PNG without IEND decodes: only its structure shows it is incomplete).
  const cuts = {
    half: (image: Buffer) => image.subarray(0, Math.floor(image.length / 2)),
    'short of its end': (image: Buffer) => image.subarray(0, image.length - 4),
  }
  it.each([
    ['png', 'half'],
    ['webp', 'half'],
    ['avif', 'half'],
    ['png', 'short of its end'],
    ['jpeg', 'short of its end'],
    ['webp', 'short of its end'],
    ['avif', 'short of its end'],
  ] as const)('refuses a %s cut %s, leaving nothing', async (format, cut) => {
    const before = await snapshot()
    const body = cuts[cut](await encoded(format, { seed: 20 }))
    const { completed } = await upload(body, { name: `cut.${format}`, type: MIME[format] })
    await expectRefused(completed, 415, /^This image is damaged or incomplete and cannot be read\.$/, before)
  })
})

describe('upload tickets', () => {
  it('completes once: a second complete answers 404 and records nothing more; the PUT is closed too', async () => {
    const body = await uniquePng(30)
    const { ticket, completed } = await upload(body)
    expect(completed!.status).toBe(201)
    const before = await snapshot()
    const again = await complete(ticket!.uploadId)
    await expectRefused(again, 404, /^This upload is no longer open \(already finished, expired/, before)
    const resent = await put(ticket!, body)
    await expectRefused(resent, 404, /no longer open/, before)
    const { media } = (await completed!.clone().json()) as { media: { id: string } }
    const row = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })
    expect(await prisma().media.count({ where: { key: row.key } })).toBe(1)
    expect(
      await prisma().auditEvent.count({ where: { entityId: media.id, action: 'media.upload', editorId: editor.id } }),
    ).toBe(1)
  })

  it('completes once when two requests complete it at the same time: one records the image, the other is refused', async () => {
    const body = await uniquePng(33)
    const ticket = (await (await start({ name: 'twice.png', type: 'image/png', bytes: body.length })).json()) as Ticket
    expect((await put(ticket, body)).status).toBe(204)
    const answers = await Promise.all([complete(ticket.uploadId, 'First'), complete(ticket.uploadId, 'Second')])
    const recorded = answers.filter((answer) => answer.status === 201)
    expect(recorded).toHaveLength(1)
    const refused = answers.find((answer) => answer.status !== 201)!
    // Claimed by the other request (409), or already finished by it (404) if it was that quick.
    expect([404, 409]).toContain(refused.status)
    expect(await errorOf(refused)).toMatch(/being completed by another request|no longer open/)
    const { media } = (await recorded[0]!.json()) as { media: { id: string } }
    const row = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })
    expect(await prisma().media.count({ where: { key: row.key } })).toBe(1)
    expect(await prisma().auditEvent.count({ where: { entityId: media.id, action: 'media.upload' } })).toBe(1)
    expect(await prisma().uploadTicket.count({ where: { id: ticket.uploadId } })).toBe(0)
    expect(await localStorageKeys(database.dataDir)).not.toContain(`uploads/${ticket.uploadId}`)
  })

  it(`expires ${UPLOAD_TICKET_SECONDS / 60} minutes after the start, and the sweep removes what it staged`, async () => {
    const before = await snapshot()
    const ticketOf = async (seed: number) => {
      const body = await uniquePng(seed)
      const ticket = (await (await start({ name: 'late.png', type: 'image/png', bytes: body.length })).json()) as Ticket
      expect((await put(ticket, body)).status).toBe(204)
      return ticket
    }
    const onTime = await ticketOf(31)
    const late = await ticketOf(32)
    const startedAt = Date.now()
    // Only Date is faked: the ticket's expiry is compared with the server's clock, read from it.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(startedAt + (UPLOAD_TICKET_SECONDS - 5) * 1000)
    expect((await complete(onTime.uploadId)).status).toBe(201)
    const afterOnTime = await snapshot()
    vi.setSystemTime(startedAt + (UPLOAD_TICKET_SECONDS + 1) * 1000)
    await expectRefused(await complete(late.uploadId), 404, /no longer open/, afterOnTime)
    // Its staged bytes wait for the sweep, which removes uploads older than two ticket lifetimes.
    expect(afterOnTime.keys).toContain(`uploads/${late.uploadId}`)
    vi.setSystemTime(startedAt + (2 * UPLOAD_TICKET_SECONDS + 60) * 1000)
    expect((await start({ name: 'next.png', type: 'image/png', bytes: 100 })).status).toBe(201)
    const after = await snapshot()
    expect(after.keys).not.toContain(`uploads/${late.uploadId}`)
    expect(await prisma().uploadTicket.count({ where: { id: late.uploadId } })).toBe(0)
    expect(after.media).toBe(before.media + 1)
  })
})

describe('hostile file names', () => {
  it.each([
    ['a NUL byte', 'look\u0000.png', /control or text-direction characters/],
    ['a right-to-left override', 'invoice\u202Egnp.exe', /control or text-direction characters/],
    ['a lone surrogate', 'look\uD800.png', /control or text-direction characters/],
    ['a newline', 'look\n.png', /control or text-direction characters/],
    ['10 KB of name', `${'a'.repeat(10 * 1024)}.png`, /^File names are at most 200 characters\.$/],
  ])('refuses a name with %s at the start, with a field message', async (_what, name, message) => {
    const before = await snapshot()
    const started = await start({ name, type: 'image/png', bytes: 100 })
    expect(started.status).toBe(400)
    const { fields } = (await started.json()) as { fields: Record<string, string> }
    expect(fields.name).toMatch(message)
    expect(await snapshot()).toEqual(before)
  })

  it.each([
    ['a path traversal', '../../etc/passwd.png', 41],
    ['an absolute path', '/etc/passwd.png', 42],
    ['4-byte emoji', '👗 look 🧥 — été.png', 43],
    ['HTML', '<img src=x onerror=alert(1)>.png', 44],
  ])('accepts a name with %s, but never as a storage key', async (_what, name, seed) => {
    const { started, completed } = await upload(await uniquePng(seed), { name })
    expect(started.status).toBe(201)
    expect(completed!.status).toBe(201)
    const keys = await localStorageKeys(database.dataDir)
    expect(keys.filter((key) => !MEDIA_KEY.test(key))).toEqual([])
    await expect(access(path.join(database.dataDir, 'storage', name))).rejects.toThrow()
    await expect(access(path.resolve(database.dataDir, 'etc', 'passwd.png'))).rejects.toThrow()
  })
})

describe('when the row cannot be written after the object was', () => {
  it('removes the object it stored: no orphan, no row, no audit event', async () => {
    // The database itself refuses the insert, as it would for a constraint a concurrent change
    // added: a real failure after the object was stored, not a stand-in for our code.
    await prisma().$executeRawUnsafe(`
      CREATE FUNCTION refuse_media_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'media rows refused for this test'; END $$`)
    await prisma().$executeRawUnsafe(
      'CREATE TRIGGER refuse_media BEFORE INSERT ON "Media" FOR EACH ROW EXECUTE FUNCTION refuse_media_for_test()',
    )
    const body = await uniquePng(50)
    const before = await snapshot()
    try {
      // An unexpected failure is a bug: the route throws it on, and Next answers 500 and logs it.
      await expect(upload(body)).rejects.toThrow(/media rows refused for this test/)
      expect(await snapshot()).toEqual(before)
    } finally {
      await prisma().$executeRawUnsafe('DROP TRIGGER refuse_media ON "Media"')
      await prisma().$executeRawUnsafe('DROP FUNCTION refuse_media_for_test()')
    }
    expect((await upload(body)).completed!.status).toBe(201)
  })
})

describe('in an S3 bucket', () => {
  const storage = useS3Storage(database)
  const bucketSnapshot = () => snapshot(storage.bucketKeys)
  let localRows: string[]
  beforeAll(async () => {
    localRows = (await prisma().media.findMany({ select: { id: true } })).map((row) => row.id)
  })

  /** Every media row has its object and its sizes in the bucket: the invariant an outage must not break. */
  async function expectNoRowWithoutObject() {
    const rows = await prisma().media.findMany({
      where: { id: { notIn: localRows } },
      select: { key: true, sizedWidths: true },
    })
    expect(rows.length).toBeGreaterThan(0)
    for (const { key, sizedWidths } of rows) {
      expect(sizedWidths.length, key).toBeGreaterThan(0)
      for (const each of withSizesOf(key, sizedWidths)) expect(await mediaStorage().exists(each), each).toBe(true)
    }
  }

  async function expectStorageDown(response: Response, message: RegExp) {
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('30')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await errorOf(response)).toMatch(message)
  }

  it('stores only the image of a polyglot, under its own Content-Type', async () => {
    const image = await encoded('png', { seed: 60 })
    const { completed } = await upload(Buffer.concat([image, PAYLOAD]))
    expect(completed!.status).toBe(201)
    const { media } = (await completed!.json()) as { media: { url: string } }
    const served = await fetch(media.url)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(image)).toBe(true)
    expect((await storage.bucketKeys()).filter((key) => !MEDIA_KEY.test(key))).toEqual([])
  })

  it('refuses a decompression bomb, leaving the bucket as it was', async () => {
    const before = await bucketSnapshot()
    const { completed } = await upload(pngBomb(100_000, 100_000))
    await expectRefused(completed, 415, /too large in pixels/, before, storage.bucketKeys)
  })

  it('answers 503 with Retry-After when storage is down as the upload starts', async () => {
    const before = await bucketSnapshot()
    await storage.stop()
    try {
      await expectStorageDown(await start({ name: 'look.png', type: 'image/png', bytes: 100 }), /try again in a minute/)
    } finally {
      await storage.restart()
    }
    expect(await bucketSnapshot()).toEqual(before)
  })

  it('stopped after the PUT: complete answers 503, records nothing, and works when storage is back', async () => {
    const body = await uniquePng(61)
    const before = await bucketSnapshot()
    const ticket = (await (await start({ name: 'look.png', type: 'image/png', bytes: body.length })).json()) as Ticket
    expect((await put(ticket, body)).status).toBe(200)
    await storage.stop()
    try {
      await expectStorageDown(
        await complete(ticket.uploadId),
        /^Media storage cannot be reached just now\. Nothing was saved: please try again in a minute\.$/,
      )
      expect(await counts()).toEqual({ media: before.media, audit: before.audit })
    } finally {
      await storage.restart()
    }
    // Nothing but the staged bytes, kept with the ticket for the retry Retry-After invites.
    expect(await storage.bucketKeys()).toEqual([...before.keys, `uploads/${ticket.uploadId}`].sort())
    await expectNoRowWithoutObject()
    const retried = await complete(ticket.uploadId)
    expect(retried.status).toBe(201)
    const { media } = (await retried.json()) as { media: { id: string } }
    const { key, sizedWidths } = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })
    expect(await storage.bucketKeys()).toEqual([...before.keys, ...withSizesOf(key, sizedWidths)].sort())
    // And a fresh upload goes through as usual.
    expect((await upload(await uniquePng(62))).completed!.status).toBe(201)
    await expectNoRowWithoutObject()
  })

  it('stopped between the start and the PUT: the PUT fails, complete answers 503, and both can be retried', async () => {
    const body = await uniquePng(63)
    const before = await bucketSnapshot()
    const ticket = (await (await start({ name: 'look.png', type: 'image/png', bytes: body.length })).json()) as Ticket
    await storage.stop()
    try {
      await expect(put(ticket, body)).rejects.toThrow() // the browser's PUT cannot connect
      await expectStorageDown(await complete(ticket.uploadId), /Nothing was saved/)
    } finally {
      await storage.restart()
    }
    expect(await bucketSnapshot()).toEqual(before)
    expect((await put(ticket, body)).status).toBe(200) // the presigned URL is still valid
    expect((await complete(ticket.uploadId)).status).toBe(201)
    expect((await storage.bucketKeys()).filter((key) => !MEDIA_KEY.test(key))).toEqual([])
    await expectNoRowWithoutObject()
  })
})

describe('when the editor is gone before the upload completes', () => {
  it('refuses with a message, leaving no row, no audit event and no object', async () => {
    const { editor: ghost } = await signedInEditor('leaving-soon@example.com')
    const body = await uniquePng(161) // bytes no other test uploads
    const started = await startUpload({ name: 'last.png', type: 'image/png', bytes: body.length }, ghost)
    await receiveLocalUpload(started.uploadId, new Response(new Uint8Array(body)).body, ghost)
    // The account is removed between the check of the session and the write (an admin's cleanup).
    await prisma().session.deleteMany({ where: { editorId: ghost.id } })
    await prisma().editor.delete({ where: { id: ghost.id } })
    const before = await snapshot()
    const refused = await completeUpload(started.uploadId, { alt: '' }, ghost).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(UploadError)
    expect((refused as UploadError).status).toBe(403)
    expect(await snapshot()).toEqual({ ...before, keys: before.keys.filter((key) => !key.startsWith('uploads/')) })
  })
})
