// The keys of an original's sizes (lib/media/image-sizes.ts). Apart from ./keys.ts because pages'
// client components name sizes too, and this must not bring node:crypto into the browser bundle.

/** The formats every original is also stored in, at each of its widths. */
export type SizedFormat = 'avif' | 'webp'

/**
 * Where one size of an original lives: next to it, named after it, so the key is as immutable as
 * the original's (the same bytes always give the same sizes) and anyone holding the original's key
 * or URL can name its sizes without asking the database. Works on a key or on a URL ending in one.
 */
export function sizedKeyOf(original: string, width: number, format: SizedFormat): string {
  return original.replace(/\.(jpg|png|webp|avif)$/, `-w${width}.${format}`)
}
