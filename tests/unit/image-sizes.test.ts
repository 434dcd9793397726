// The sizes an image is made at, and the keys they live under: pages name them from the original's
// address alone, and only keys shaped like ours are ever served.
import { describe, expect, it } from 'vitest'
import { widthsFor } from '@/lib/media/image-sizes'
import { isMediaKey, mediaKeyOfUrl, sizedKeyOf } from '@/lib/storage/keys'

const ORIGINAL = `media/ab/ab${'0'.repeat(30)}.jpg`

describe('widthsFor', () => {
  it('makes every step below the original and the original’s own width, never enlarging', () => {
    expect(widthsFor(4000)).toEqual([320, 640, 960, 1280])
    expect(widthsFor(1280)).toEqual([320, 640, 960, 1280])
    expect(widthsFor(900)).toEqual([320, 640, 900])
    expect(widthsFor(320)).toEqual([320])
    expect(widthsFor(40)).toEqual([40])
  })
})

describe('sized keys', () => {
  it('sit next to the original, on a key or on a URL ending in one', () => {
    expect(sizedKeyOf(ORIGINAL, 640, 'avif')).toBe(`media/ab/ab${'0'.repeat(30)}-w640.avif`)
    expect(sizedKeyOf(`https://cdn.example.com/${ORIGINAL}`, 320, 'webp')).toBe(
      `https://cdn.example.com/media/ab/ab${'0'.repeat(30)}-w320.webp`,
    )
  })

  it('are served like originals; anything else shaped almost like them is refused', () => {
    expect(isMediaKey(ORIGINAL)).toBe(true)
    expect(isMediaKey(sizedKeyOf(ORIGINAL, 960, 'webp'))).toBe(true)
    for (const refused of [
      ORIGINAL.replace('.jpg', '-w0640.avif'),
      ORIGINAL.replace('.jpg', '-w.avif'),
      ORIGINAL.replace('.jpg', '-w640.gif'),
      ORIGINAL.replace('.jpg', '-w640.avif/../x'),
      ORIGINAL.replace('.jpg', '-h640.avif'),
    ])
      expect(isMediaKey(refused), refused).toBe(false)
  })

  it('are not taken for an original (a link preview or feed names originals only)', () => {
    expect(mediaKeyOfUrl(`/${ORIGINAL}`)).toBe(ORIGINAL)
    expect(mediaKeyOfUrl(`/${sizedKeyOf(ORIGINAL, 640, 'avif')}`)).toBeNull()
  })
})
