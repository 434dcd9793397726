// What an uploaded file really is, judged by its bytes (never by its name or the browser's
// Content-Type), and how large it is. Only the four web formats we serve are allowed.
import sharp from 'sharp'
import { imageEnd } from './image-end'

export const ALLOWED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const
export type ImageType = (typeof ALLOWED_IMAGE_TYPES)[number]

/** Larger images are refused: they would cost seconds to resize on every first view. */
export const MAX_IMAGE_SIDE = 12_000

const ascii = (body: Buffer, start: number, end: number) => body.subarray(start, end).toString('latin1')

/** The image type its first bytes announce, or null for anything else. */
export function sniffImageType(body: Buffer): ImageType | null {
  if (body.length >= 3 && body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff) return 'image/jpeg'
  if (body.length >= 8 && body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png'
  if (body.length >= 12 && ascii(body, 0, 4) === 'RIFF' && ascii(body, 8, 12) === 'WEBP') return 'image/webp'
  // ISO base media file: a `ftyp` box whose major or compatible brands include avif/avis.
  if (body.length >= 16 && ascii(body, 4, 8) === 'ftyp') {
    const boxSize = Math.min(body.readUInt32BE(0), body.length, 64)
    const brands = [ascii(body, 8, 12)]
    for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(body, offset, offset + 4))
    if (brands.includes('avif') || brands.includes('avis')) return 'image/avif'
  }
  return null
}

export class ImageRejected extends Error {}

/** The image's own bytes (anything after its end cut off), its type by content and its displayed size. */
export type CheckedImage = { mime: ImageType; width: number; height: number; body: Buffer }

const MAX_IMAGE_PIXELS = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE

const damaged = () => new ImageRejected('This image is damaged or incomplete and cannot be read.')
const tooManyPixels = () =>
  new ImageRejected(
    `This image is too large in pixels: images can be at most ${MAX_IMAGE_SIDE}×${MAX_IMAGE_SIDE} pixels.`,
  )

// libvips refuses to open an image whose header declares more pixels than the limit (a
// decompression bomb: a few KB that would decode to gigabytes); say so, not "damaged".
const unreadable = (error: unknown) =>
  error instanceof Error && /pixel limit/i.test(error.message) ? tooManyPixels() : damaged()

/**
 * Checks type by content and reads the dimensions; throws ImageRejected with a message for the
 * editor. Returns the bytes to store: the upload up to the end of its image.
 *
 * Polyglots: bytes appended after the image's end (an HTML page with a script, a ZIP or PDF whose
 * directory is read from the end) are cut off, not kept. We cut rather than refuse because phones
 * append data there too (motion photos, secondary images) and editors upload their photos; cutting
 * loses nothing of the picture. What we keep is the exact byte range the decoder reads, decoded in
 * full below. It is stored under its sniffed type and served with that Content-Type (and nosniff
 * from our media route; a bucket cannot send nosniff, which is why the tail must go rather than be
 * relied upon to stay inert). Text inside the image's own chunks cannot be cut this way; declared
 * as an image type, no browser renders it as HTML.
 */
export async function checkImage(upload: Buffer): Promise<CheckedImage> {
  const mime = sniffImageType(upload)
  if (!mime)
    throw new ImageRejected('This file is not a JPEG, PNG, WebP or AVIF image (judged by its content, not its name).')
  const end = imageEnd(upload, mime)
  // The structure stops before the image's end: the file is truncated (or is not that format).
  if (end === null) throw damaged()
  const body = upload.subarray(0, end)
  const image = sharp(body, { limitInputPixels: MAX_IMAGE_PIXELS })
  // The header first: it gives the size without decoding a pixel.
  const metadata = await image.metadata().catch((error: unknown) => {
    throw unreadable(error)
  })
  const { width, height } = metadata
  if (!width || !height) throw new ImageRejected('This image has no readable size.')
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE)
    throw new ImageRejected(`Images can be at most ${MAX_IMAGE_SIDE} pixels on a side; this one is ${width}×${height}.`)
  // Then decode every pixel once: the header alone does not show a truncated or corrupt file.
  await image.stats().catch((error: unknown) => {
    throw unreadable(error)
  })
  // EXIF orientations 5–8 turn the picture a quarter: browsers show it with the sides swapped.
  const turned = (metadata.orientation ?? 1) >= 5
  return { mime, width: turned ? height : width, height: turned ? width : height, body }
}
