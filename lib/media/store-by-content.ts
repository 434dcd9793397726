// A checked image into media storage under its content key: the same bytes are one object, stored
// once, whoever brings them (an editor's upload, the feed's picture).
import type { MediaStorage } from '@/lib/storage/types'
import { mediaKeyFor } from '@/lib/storage/keys'
import type { CheckedImage } from './image-check'

/** Stores the image unless its key is there already; says which key, and whether it was. */
export async function storeByContent(
  storage: MediaStorage,
  image: CheckedImage,
): Promise<{ key: string; storedBefore: boolean }> {
  const key = mediaKeyFor(image.body, image.mime)
  const storedBefore = await storage.exists(key)
  if (!storedBefore) await storage.put(key, image.body, image.mime)
  return { key, storedBefore }
}
