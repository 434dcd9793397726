// What an uploaded file really is, judged by its bytes (never by its name or the browser's
// Content-Type), and how large it is. Only the four web formats we serve are allowed.
import sharp, { type Metadata } from 'sharp'

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

export type CheckedImage = { mime: ImageType; width: number; height: number }

/** Checks type by content and reads the dimensions; throws ImageRejected with a message for the editor. */
export async function checkImage(body: Buffer): Promise<CheckedImage> {
  const mime = sniffImageType(body)
  if (!mime)
    throw new ImageRejected('This file is not a JPEG, PNG, WebP or AVIF image (judged by its content, not its name).')
  let metadata: Metadata
  try {
    const image = sharp(body, { limitInputPixels: MAX_IMAGE_SIDE * MAX_IMAGE_SIDE })
    metadata = await image.metadata()
    // Decode every pixel once: the header alone does not show a truncated or corrupt file.
    await image.stats()
  } catch {
    throw new ImageRejected('This image is damaged or incomplete and cannot be read.')
  }
  const { width, height } = metadata
  if (!width || !height) throw new ImageRejected('This image has no readable size.')
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE)
    throw new ImageRejected(`Images can be at most ${MAX_IMAGE_SIDE} pixels on a side; this one is ${width}×${height}.`)
  // EXIF orientations 5–8 turn the picture a quarter: browsers show it with the sides swapped.
  const turned = (metadata.orientation ?? 1) >= 5
  return { mime, width: turned ? height : width, height: turned ? width : height }
}
