// Page metadata in one shape: title, description, canonical URL, Open Graph and Twitter cards.
import type { Metadata } from 'next'
import type { Image } from '@/lib/data/types'
import { settings } from '@/lib/env'
import { SITE } from '@/lib/site'
import { mediaKeyOfUrl } from '@/lib/storage/keys'
import { SHARE_IMAGE, shareImagePath } from '@/lib/media/share-image-address'

export function absoluteUrl(path: string): string {
  return new URL(path, settings().SITE_URL).toString()
}

export function pageMetadata({
  title,
  description,
  path,
  image,
  type = 'website',
}: {
  title: string
  description: string
  path: string
  image?: Image | null
  type?: 'website' | 'article'
}): Metadata {
  const images = image ? [shareImageOf(image, title)] : undefined
  return {
    title,
    description,
    alternates: { canonical: path },
    openGraph: {
      title,
      description,
      url: absoluteUrl(path),
      siteName: `${SITE.name} — ${SITE.campaign}`,
      type,
      images,
    },
    twitter: { card: image ? 'summary_large_image' : 'summary', title, description, images: images?.map((i) => i.url) },
  }
}

/** A link preview's picture: the image composed at 1200×630 (lib/media/share-image.ts). */
function shareImageOf(image: Image, title: string) {
  const key = mediaKeyOfUrl(image.url)
  // Only stored media have a share version; anything else is offered as it is.
  if (!key) return { url: absoluteUrl(image.url), width: image.width, height: image.height, alt: image.alt || title }
  const { width, height, type } = SHARE_IMAGE
  return { url: absoluteUrl(shareImagePath(key)), width, height, type, alt: image.alt || title }
}

export const NOT_FOUND_METADATA: Metadata = { title: 'Not found', robots: { index: false } }
