import 'server-only'
// Editors' uploads, in three steps, so image bytes can go straight from the browser to storage:
//   1. start:    the editor declares name, type and size; we pick a staging key and hand back where
//                to PUT it (a presigned S3 URL, or our own local upload route) — a short-lived ticket.
//   2. PUT:      the browser sends the bytes there.
//   3. complete: we read the staged bytes, check them (type by content, size, dimensions), store
//                them under their content-addressed media key and record the row.
// A refused upload leaves nothing behind: the staged object is deleted whatever happens, and the
// media object is only kept once its row exists. When storage or the database cannot be reached or
// storage's disk is full, the answer is 503 with Retry-After, and the ticket (with `complete`, the
// staged bytes too) is kept so the same step can be retried. Tickets are database rows
// (lib/data/admin/upload-tickets.ts): the three steps may reach three different instances.
import { z } from 'zod'
import { settings } from '@/lib/env'
import { mediaStorage, StorageUnavailable } from '@/lib/storage'
import { isUploadKey, uploadKey } from '@/lib/storage/keys'
import { altTextSchema, recordUploadedMedia, type MediaChoice } from '@/lib/data/admin/media'
import type { SignedInEditor } from '@/lib/data/admin/sessions'
import {
  claimUploadTicket,
  closeUploadTicket,
  findOpenUploadTicket,
  openUploadTicket,
  releaseUploadTicket,
  sweepUploadTickets,
  type UploadTicket,
} from '@/lib/data/admin/upload-tickets'
import { isDatabaseUnavailable } from '@/lib/data/unavailable'
import { ALLOWED_IMAGE_TYPES, checkImage, ImageRejected } from './image-check'
import { discardStored, storeByContent } from './store-by-content'

/** How long a ticket (and a presigned URL) lasts: enough for 10 MB on a slow line, no more. */
export const UPLOAD_TICKET_SECONDS = 10 * 60

/** How long to wait before trying again when storage cannot be reached (the Retry-After header). */
export const STORAGE_RETRY_SECONDS = 30

export class UploadError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 415 | 422 | 503,
    message: string,
    /** For 503: when the same request may work (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }
}

// The name is only ever echoed in messages (keys are picked by the server), but a control
// character (NUL…) or a text-direction override (U+202E turns "gpj.exe" around) has no place in
// one, and would make the message lie about the file. Lone surrogates are not text at all.
const UNSHOWABLE_IN_NAMES = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

export const startUploadSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the file.')
    .max(200, 'File names are at most 200 characters.')
    .refine(
      (name) => !UNSHOWABLE_IN_NAMES.test(name),
      'File names cannot contain control or text-direction characters: rename the file and try again.',
    ),
  type: z.string().trim().max(100),
  bytes: z.number().int().positive('The file is empty.'),
})

export const completeUploadSchema = z.object({ alt: altTextSchema.default('') })

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`
/** Where an upload's bytes wait between the PUT and `complete`. */
const stagedKey = (ticket: UploadTicket) => `uploads/${ticket.id}`

function tooLarge(bytes: number): UploadError {
  return new UploadError(
    413,
    `This file is ${megabytes(bytes)}; images can be at most ${megabytes(settings().MEDIA_MAX_UPLOAD_BYTES)}.`,
  )
}

function storageDown(error: StorageUnavailable, retry: string): UploadError {
  if (!error.full)
    return new UploadError(503, `Media storage cannot be reached just now. ${retry}`, STORAGE_RETRY_SECONDS)
  // Not the editor's to fix: whoever runs the site learns it from the log.
  console.warn(`Upload refused with 503: ${error.message}`)
  return new UploadError(
    503,
    'Media storage is full, so nothing was saved. Please try again once space has been freed on the server (tell whoever runs the site).',
    STORAGE_RETRY_SECONDS,
  )
}

async function refusedWhenStorageIsDown<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw error instanceof StorageUnavailable ? storageDown(error, 'Please try again in a minute.') : error
  }
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
  const key = uploadKey()
  const uploadId = key.slice('uploads/'.length)
  // Storage down: better refused now than after the browser has sent 10 MB into the void.
  const presigned = await refusedWhenStorageIsDown(async () => {
    // Abandoned uploads (their ticket long expired) are cleared away as new ones start.
    await mediaStorage().sweepUploads(2 * UPLOAD_TICKET_SECONDS)
    return mediaStorage().presignUpload(key, input.bytes, UPLOAD_TICKET_SECONDS)
  })
  const now = new Date()
  await sweepUploadTickets(now)
  const expiresAt = new Date(now.getTime() + UPLOAD_TICKET_SECONDS * 1000)
  await openUploadTicket({ id: uploadId, editorId: editor.id, bytes: input.bytes, name: input.name, expiresAt })
  return {
    uploadId,
    url: presigned?.url ?? `/api/admin/uploads/${uploadId}`,
    method: 'PUT',
    headers: presigned?.headers ?? {},
    expiresInSeconds: UPLOAD_TICKET_SECONDS,
  }
}

async function ticketFor(uploadId: string, editor: SignedInEditor): Promise<UploadTicket> {
  const ticket = isUploadKey(`uploads/${uploadId}`) ? await findOpenUploadTicket(uploadId, new Date()) : null
  if (!ticket)
    throw new UploadError(
      404,
      `This upload is no longer open (already finished, expired after ${UPLOAD_TICKET_SECONDS / 60} minutes, or never started). If the image is not in the library, please upload it again.`,
    )
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
  // Refused for a full disk, the ticket stays open: the same PUT works once space is freed.
  await refusedWhenStorageIsDown(() => mediaStorage().put(stagedKey(ticket), bytes, 'application/octet-stream'))
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

/**
 * Checks the staged bytes and turns them into a media row. The ticket is claimed first, so the same
 * upload cannot complete twice; it is given back only when storage or the database could not be
 * reached, with the staged bytes, so the same request can be retried once they are back.
 */
export async function completeUpload(
  uploadId: string,
  input: z.infer<typeof completeUploadSchema>,
  editor: SignedInEditor,
): Promise<CompletedUpload> {
  const ticket = await ticketFor(uploadId, editor)
  if (!(await claimUploadTicket(uploadId, new Date())))
    throw new UploadError(
      409,
      'This upload is being completed by another request just now. If the image does not reach the library, try again in a minute.',
    )
  let completed: CompletedUpload
  try {
    completed = await checkAndRecord(ticket, input, editor)
  } catch (error) {
    if (error instanceof StorageUnavailable) {
      await giveBack(ticket)
      throw storageDown(error, 'Nothing was saved: please try again in a minute.')
    }
    // The route answers 503 for the database; the same request can be sent again once it is back.
    if (isDatabaseUnavailable(error)) {
      await giveBack(ticket)
      throw error
    }
    await closeAndDiscard(ticket)
    throw error
  }
  await closeAndDiscard(ticket)
  return completed
}

async function checkAndRecord(
  ticket: UploadTicket,
  input: z.infer<typeof completeUploadSchema>,
  editor: SignedInEditor,
): Promise<CompletedUpload> {
  const storage = mediaStorage()
  const staged = await storage.get(stagedKey(ticket))
  if (!staged || staged.body.length === 0)
    throw new UploadError(400, `Nothing arrived for ${ticket.name}. Please upload it again.`)
  if (staged.body.length > settings().MEDIA_MAX_UPLOAD_BYTES) throw tooLarge(staged.body.length)
  const image = await checkImage(staged.body).catch((error: unknown) => {
    throw error instanceof ImageRejected ? new UploadError(415, error.message) : error
  })
  // From here on, only the image's own bytes (checkImage cut off anything appended after its end).
  const { key, storedBefore, widths } = await storeByContent(storage, image)
  try {
    const recorded = await recordUploadedMedia(
      {
        key,
        mime: image.mime,
        width: image.width,
        height: image.height,
        bytes: image.body.length,
        alt: input.alt,
        sizedWidths: widths,
      },
      editor,
    )
    if ('refused' in recorded) throw new UploadError(403, recorded.refused)
    return recorded
  } catch (error) {
    // No row, no object: but only remove what this upload itself stored.
    if (!storedBefore) await discardStored(storage, { key, width: image.width })
    throw error
  }
}

/**
 * The ticket again, for what remains of its life (an expired one stays expired). With the database
 * down this fails too: then the claim lapses on its own within a minute.
 */
async function giveBack(ticket: UploadTicket): Promise<void> {
  await releaseUploadTicket(ticket.id).catch(() => {})
}

/**
 * Ends the upload once it is done with (recorded or refused): the ticket and the staged bytes go.
 * If either fails just then, the editor's answer stands: the ticket expires and a later start's
 * sweep removes what was left.
 */
async function closeAndDiscard(ticket: UploadTicket): Promise<void> {
  const key = stagedKey(ticket)
  const [closed, discarded] = await Promise.allSettled([closeUploadTicket(ticket.id), mediaStorage().delete(key)])
  if (closed.status === 'rejected')
    console.warn(`Upload ticket ${ticket.id} not closed (it expires on its own): ${String(closed.reason)}`)
  if (discarded.status === 'rejected')
    console.warn(`Staged upload ${key} not deleted (a later start sweeps it): ${String(discarded.reason)}`)
}
