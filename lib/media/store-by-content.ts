// A checked image into media storage under its content key, with the sizes pages show it at
// (./image-sizes.ts): the same bytes are one object, stored once, whoever brings them (an editor's
// upload, the feed's picture).
import type { MediaStorage } from '@/lib/storage/types'
import { mediaKeyFor } from '@/lib/storage/keys'
import type { CheckedImage } from './image-check'
import { sizeKeysOf, storeImageSizes, widthsFor } from './image-sizes'

export type StoredImage = {
  key: string
  /** Whether the original was there already (then it is not this caller's to delete). */
  storedBefore: boolean
  /** The widths it is now stored at besides itself. */
  widths: number[]
}

/**
 * Stores the image unless its key is there already, then whichever of its sizes are missing. When
 * a size cannot be stored (storage gone midway), what this call stored is removed again and the
 * error propagates: nothing half-made stays behind.
 */
export async function storeByContent(storage: MediaStorage, image: CheckedImage): Promise<StoredImage> {
  const key = mediaKeyFor(image.body, image.mime)
  const storedBefore = await storage.exists(key)
  if (!storedBefore) await storage.put(key, image.body, image.mime)
  try {
    const widths = await storeImageSizes(storage, { key, body: image.body, width: image.width })
    return { key, storedBefore, widths }
  } catch (error) {
    if (!storedBefore) await discardStored(storage, { key, width: image.width }).catch(() => {})
    throw error
  }
}

/** Removes an original this caller stored, with every size it may have been given. */
export async function discardStored(storage: MediaStorage, original: { key: string; width: number }): Promise<void> {
  const sizes = sizeKeysOf(original.key, widthsFor(original.width))
  // Deleting a key that is not there is no error, in both drivers.
  await Promise.all([original.key, ...sizes].map((key) => storage.delete(key)))
}
