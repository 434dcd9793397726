// Maps stored media to what a page needs to show it.
import { mediaStorage } from '@/lib/storage'
import type { Image } from './types'

type MediaRow = { key: string; width: number; height: number; alt: string }

export function reshapeImage(media: MediaRow | null | undefined, fallbackAlt = ''): Image | null {
  if (!media) return null
  return {
    url: mediaStorage().publicUrl(media.key),
    width: media.width,
    height: media.height,
    alt: media.alt || fallbackAlt,
  }
}
