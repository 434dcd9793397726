import 'server-only'
// Editors' uploads, in three steps, so image bytes can go straight from the browser to storage:
//   1. start:    the editor declares name, type and size; we pick a staging key and hand back where
//                to PUT it (a presigned S3 URL, or our own local upload route) — a short-lived ticket.
//   2. PUT:      the browser sends the bytes there.
//   3. complete: we read the staged bytes, check them (type by content, size, dimensions), store
//                them under their content-addressed media key and record the row.
// A refused upload leaves nothing behind: the staged object is deleted whatever happens, and the
// media object is only kept once its row exists.
import { z } from 'zod'
import { settings } from '@/lib/env'
import { keyValueStore } from '@/lib/kv'
import { mediaStorage } from '@/lib/storage'
import { isUploadKey, mediaKeyFor, uploadKey } from '@/lib/storage/keys'
import { altTextSchema, recordUploadedMedia, type MediaChoice } from '@/lib/data/admin/media'
import type { SignedInEditor } from '@/lib/data/admin/sessions'
import { ALLOWED_IMAGE_TYPES, checkImage, ImageRejected } from './image-check'

/** How long a ticket (and a presigned URL) lasts: enough for 10 MB on a slow line, no more. */
export const UPLOAD_TICKET_SECONDS = 10 * 60

type Ticket = { key: string; editorId: string; bytes: number; name: string }

export class UploadError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415 | 422,
    message: string,
  ) {
    super(message)
  }
}

export const startUploadSchema = z.object({
  name: z.string().trim().min(1, 'Name the file.').max(200, 'File names are at most 200 characters.'),
  type: z.string().trim().max(100),
  bytes: z.number().int().positive('The file is empty.'),
})

export const completeUploadSchema = z.object({ alt: altTextSchema.default('') })

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`
const ticketKey = (id: string) => `upload:${id}`

function tooLarge(bytes: number): UploadError {
  return new UploadError(
    413,
    `This file is ${megabytes(bytes)}; images can be at most ${megabytes(settings().MEDIA_MAX_UPLOAD_BYTES)}.`,
  )
}

export type StartedUpload = {
  uploadId: string
  url: string
  method: 'PUT'
  headers: Record<string, string>
  expiresInSeconds: number
}

export async function startUpload(
  input: z.infer<typeof startUploadSchema>,
  editor: SignedInEditor,
): Promise<StartedUpload> {
  // The declared type is only a first, friendly check: the bytes are judged in completeUpload.
  if (!(ALLOWED_IMAGE_TYPES as readonly string[]).includes(input.type))
    throw new UploadError(415, `${input.name} is not a JPEG, PNG, WebP or AVIF image.`)
  if (input.bytes > settings().MEDIA_MAX_UPLOAD_BYTES) throw tooLarge(input.bytes)
  // Abandoned uploads (their ticket long expired) are cleared away as new ones start.
  await mediaStorage().sweepUploads(2 * UPLOAD_TICKET_SECONDS)
  const key = uploadKey()
  const uploadId = key.slice('uploads/'.length)
  const presigned = await mediaStorage().presignUpload(key, input.bytes, UPLOAD_TICKET_SECONDS)
  const ticket: Ticket = { key, editorId: editor.id, bytes: input.bytes, name: input.name }
  await keyValueStore().set(ticketKey(uploadId), ticket, UPLOAD_TICKET_SECONDS)
  return {
    uploadId,
    url: presigned?.url ?? `/api/admin/uploads/${uploadId}`,
    method: 'PUT',
    headers: presigned?.headers ?? {},
    expiresInSeconds: UPLOAD_TICKET_SECONDS,
  }
}

async function ticketFor(uploadId: string, editor: SignedInEditor): Promise<Ticket> {
  const ticket = isUploadKey(`uploads/${uploadId}`) ? await keyValueStore().get<Ticket>(ticketKey(uploadId)) : null
  if (!ticket) throw new UploadError(404, 'This upload has expired or never started. Please upload the file again.')
  if (ticket.editorId !== editor.id) throw new UploadError(403, 'This upload belongs to another editor.')
  return ticket
}

/** The local driver's stand-in for a presigned PUT: reads at most the declared size into staging. */
export async function receiveLocalUpload(
  uploadId: string,
  body: ReadableStream<Uint8Array> | null,
  editor: SignedInEditor,
): Promise<void> {
  const ticket = await ticketFor(uploadId, editor)
  if (mediaStorage().driver !== 'local')
    throw new UploadError(404, 'Uploads go straight to the bucket: use the URL the upload started with.')
  const limit = Math.min(ticket.bytes, settings().MEDIA_MAX_UPLOAD_BYTES)
  const bytes = await readAtMost(body, limit)
  if (bytes === 'too-large')
    throw new UploadError(
      413,
      `More bytes arrived than the ${megabytes(ticket.bytes)} announced; please upload the file again.`,
    )
  await mediaStorage().put(ticket.key, bytes, 'application/octet-stream')
}

async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer | 'too-large'> {
  if (!body) return Buffer.alloc(0)
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks)
    total += value.byteLength
    if (total > limit) {
      await reader.cancel()
      return 'too-large'
    }
    chunks.push(value)
  }
}

export type CompletedUpload = { media: MediaChoice; created: boolean }

/** Checks the staged bytes and turns them into a media row; the ticket is used up either way. */
export async function completeUpload(
  uploadId: string,
  input: z.infer<typeof completeUploadSchema>,
  editor: SignedInEditor,
): Promise<CompletedUpload> {
  const ticket = await ticketFor(uploadId, editor)
  await keyValueStore().delete(ticketKey(uploadId))
  const storage = mediaStorage()
  try {
    const staged = await storage.get(ticket.key)
    if (!staged || staged.body.length === 0)
      throw new UploadError(400, `Nothing arrived for ${ticket.name}. Please upload it again.`)
    if (staged.body.length > settings().MEDIA_MAX_UPLOAD_BYTES) throw tooLarge(staged.body.length)
    const image = await checkImage(staged.body).catch((error: unknown) => {
      throw error instanceof ImageRejected ? new UploadError(415, error.message) : error
    })
    const key = mediaKeyFor(staged.body, image.mime)
    const storedBefore = await storage.exists(key)
    if (!storedBefore) await storage.put(key, staged.body, image.mime)
    try {
      return await recordUploadedMedia(
        { key, mime: image.mime, width: image.width, height: image.height, bytes: staged.body.length, alt: input.alt },
        editor,
      )
    } catch (error) {
      // No row, no object: but only remove what this upload itself stored.
      if (!storedBefore) await storage.delete(key)
      throw error
    }
  } finally {
    await storage.delete(ticket.key)
  }
}
