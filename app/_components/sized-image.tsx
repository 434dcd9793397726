// A stored image as pages show it: the sizes made when it was stored (lib/media/image-sizes.ts),
// AVIF first, then WebP, the original for a browser that takes neither. The addresses are the
// storage's own (the bucket or its CDN with S3, /media/… on the front cache otherwise), so no
// visitor's request ever resizes an image, and the element needs no script.
import { preload } from 'react-dom'
import type { Image } from '@/lib/data/types'
import { sizedKeyOf, type SizedFormat } from '@/lib/storage/sized-keys'

type Props = {
  image: Image
  /** How wide it is shown, as for `<img sizes>`: the browser picks the width from it. */
  sizes: string
  /** The page's main picture: fetched first, at once (not lazily), and announced in the <head>. */
  first?: boolean
  /** A box other than the image's own, for the space kept before it loads. */
  width?: number
  height?: number
}

const srcSetOf = (image: Image, format: SizedFormat) =>
  image.widths.map((width) => `${sizedKeyOf(image.url, width, format)} ${width}w`).join(', ')

export function SizedImage({ image, sizes, first = false, width = image.width, height = image.height }: Props) {
  const sized = image.widths.length > 0
  if (first && sized)
    // AVIF only: a browser that cannot show it skips a preload of that type.
    preload(sizedKeyOf(image.url, image.widths[0]!, 'avif'), {
      as: 'image',
      type: 'image/avif',
      imageSrcSet: srcSetOf(image, 'avif'),
      imageSizes: sizes,
      fetchPriority: 'high',
    })
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
