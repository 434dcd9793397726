// Maps stored media to what a page needs to show it.
import { mediaStorage } from '@/lib/storage'
import type { Image } from './types'
import { query } from './sql'

type MediaRow = { key: string; width: number; height: number; alt: string; sizedWidths?: number[] }

/** A stored image's row as it is first written (an upload, the seed): its bytes and sizes are in storage. */
export type NewMedia = {
  key: string
  mime: string
  width: number
  height: number
  bytes: number
  alt: string
  /** The widths its sizes were made at (lib/media/image-sizes.ts). */
  sizedWidths: number[]
}

export function reshapeImage(media: MediaRow | null | undefined, fallbackAlt = ''): Image | null {
  if (!media) return null
  return {
    url: mediaStorage().publicUrl(media.key),
    width: media.width,
    height: media.height,
    alt: media.alt || fallbackAlt,
    widths: media.sizedWidths ?? [],
  }
}

/** Stored images whose sizes were never made (stored before sizes existed), oldest id first. */
export function mediaWithoutSizes(afterId: string, limit: number) {
  return query<{ id: string; key: string; width: number }>(
    `SELECT id, key, width FROM "Media" WHERE cardinality(coalesce("sizedWidths", '{}')) = 0 AND id > $1
     ORDER BY id LIMIT $2`,
    [afterId, limit],
  )
}

/** Records the widths an image is now stored at. */
export async function recordSizedWidths(id: string, widths: number[]): Promise<void> {
  await query(`UPDATE "Media" SET "sizedWidths" = $2::int[] WHERE id = $1`, [id, widths])
}
