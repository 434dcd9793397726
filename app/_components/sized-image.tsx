// A stored image as pages show it: the sizes made when it was stored (lib/media/image-sizes.ts),
// AVIF first, then WebP, the original for a browser that takes neither. The addresses are the
// storage's own (the bucket or its CDN with S3, /media/… on the front cache otherwise), so no
// visitor's request ever resizes an image, and the element needs no script.
import type { Image } from '@/lib/data/types'
import { sizedKeyOf, type SizedFormat } from '@/lib/storage/sized-keys'

type Props = {
  image: Image
  /** How wide it is shown, as for `<img sizes>`: the browser picks the width from it. */
  sizes: string
  /**
   * The page's main picture: fetched at once (not lazily), before the others. Not preloaded from
   * the <head>: it is near the top of the HTML, where the browser finds it as early, and a
   * server component's preload also travels in the router's prefetches of this page, making
   * every page that links here load this picture too.
   */
  first?: boolean
  /** A box other than the image's own, for the space kept before it loads. */
  width?: number
  height?: number
}

const srcSetOf = (image: Image, format: SizedFormat) =>
  image.widths.map((width) => `${sizedKeyOf(image.url, width, format)} ${width}w`).join(', ')

export function SizedImage({ image, sizes, first = false, width = image.width, height = image.height }: Props) {
  const sized = image.widths.length > 0
  const img = (
    // Our own sizes, made at upload: what next/image would make on each visitor's request.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={image.url}
      alt={image.alt}
      width={width}
      height={height}
      loading={first ? 'eager' : 'lazy'}
      decoding="async"
      fetchPriority={first ? 'high' : undefined}
    />
  )
  if (!sized) return img
  return (
    <picture>
      <source type="image/avif" srcSet={srcSetOf(image, 'avif')} sizes={sizes} />
      <source type="image/webp" srcSet={srcSetOf(image, 'webp')} sizes={sizes} />
      {img}
    </picture>
  )
}
