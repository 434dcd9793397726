// The sizes pages show an image at, made once when the image is stored (an editor's upload, the
// feed's picture, the demo's seed, `npm run media:sizes` for what was stored before), never on a
// visitor's request. Each width in AVIF and WebP, stored next to the original under a key derived
// from its own (lib/storage/keys.ts), so pages name them directly: from the bucket or its CDN when
// media live in S3, from the front cache otherwise. The original stays the fallback for a browser
// that takes neither format. See docs/decisions/037-image-sizes-made-at-upload.md.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import type { MediaStorage } from '@/lib/storage/types'
import { sizedKeyOf, type SizedFormat } from '@/lib/storage/keys'

/**
 * The widths made. A phone is 360–430 CSS pixels wide at 2–3 device pixels each: a full-width
 * picture needs about 1,200, a two-column grid about 640, a thumbnail 320. Each step saves roughly
 * half the bytes of the next one up; more steps would mostly multiply the work at upload.
 */
export const IMAGE_WIDTHS = [320, 640, 960, 1280] as const
export const SIZED_FORMATS: readonly SizedFormat[] = ['avif', 'webp']
const MIME: Record<SizedFormat, string> = { avif: 'image/avif', webp: 'image/webp' }

/**
 * Encoder settings, chosen on the demo's pictures: AVIF at effort 2 is within 8 % of effort 4's
 * bytes at a fifth of its time (about 60 ms for 960 px on one core here).
 */
const ENCODE = {
  avif: { quality: 50, effort: 2 },
  webp: { quality: 75 },
} as const

/**
 * The widths an image of this width is made at: every step narrower than it, and its own width when
 * that is below the widest step, never wider than the original (enlarging adds bytes, not detail).
 */
export function widthsFor(originalWidth: number): number[] {
  const below = IMAGE_WIDTHS.filter((width) => width < originalWidth)
  const widest = IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]!
  return originalWidth <= widest ? [...below, originalWidth] : below
}

/** The keys of an original's sizes at these widths, every format of each. */
export function sizeKeysOf(originalKey: string, widths: number[]): string[] {
  return widths.flatMap((width) => SIZED_FORMATS.map((format) => sizedKeyOf(originalKey, width, format)))
}

/** One size of an image: turned upright (phones store the turn as EXIF), resized, re-encoded. */
export async function encodeSize(original: Buffer, width: number, format: SizedFormat): Promise<Buffer> {
  return sharp(original)
    .autoOrient()
    .resize({ width, withoutEnlargement: true })
    .toFormat(format, ENCODE[format])
    .toBuffer()
}

export type SizesOptions = {
  /**
   * A folder of sizes made before, by key, for content that is made again and again (the demo's
   * drawings in every test's fresh storage): the same key always holds the same bytes.
   */
  cacheDir?: string
}

/**
 * Makes and stores every size of a stored original that storage does not have yet; returns the
 * widths it now has. Storage failures propagate (StorageUnavailable): the caller decides.
 */
export async function storeImageSizes(
  storage: MediaStorage,
  original: { key: string; body: Buffer; width: number },
  options: SizesOptions = {},
): Promise<number[]> {
  const widths = widthsFor(original.width)
  for (const width of widths)
    // Both formats at once: sharp encodes on libuv's threads, so two encodings keep two cores busy.
    await Promise.all(
      SIZED_FORMATS.map(async (format) => {
        const key = sizedKeyOf(original.key, width, format)
        if (await storage.exists(key)) return
        const body = await sizeFromCache(key, options.cacheDir, () => encodeSize(original.body, width, format))
        await storage.put(key, body, MIME[format])
      }),
    )
  return widths
}

async function sizeFromCache(key: string, cacheDir: string | undefined, make: () => Promise<Buffer>): Promise<Buffer> {
  if (!cacheDir) return make()
  const file = path.join(cacheDir, path.basename(key))
  const cached = await readFile(file).catch(() => null)
  if (cached) return cached
  const body = await make()
  // Written aside and renamed: a parallel run never reads half a file. A cache that cannot be
  // written (a service user's read-only install) only means the next run makes the size again.
  const partial = `${file}.${process.pid}.part`
  await mkdir(cacheDir, { recursive: true })
    .then(() => writeFile(partial, body))
    .then(() => rename(partial, file))
    .catch(() => rm(partial, { force: true }).catch(() => {}))
  return body
}
