// npm run media:sizes as an operator runs it after upgrading: images stored before sizes were made
// at upload get them, each recorded as it is done; an image whose original is missing is named and
// fails the command without losing the work done on the others; a second run has nothing to do.
import { beforeAll, describe, expect, it } from 'vitest'
import sharp from 'sharp'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { mediaKeyFor, sizedKeyOf } from '@/lib/storage/keys'
import { useFreshDatabase } from '../support/database'
import { runCommand } from '../support/cli'

const database = useFreshDatabase()
const mediaSizes = () => runCommand('lib/cli/media-sizes.ts', [], database.env())

/** An image stored and recorded as an upload was before sizes existed: no sizes, none recorded. */
async function storedWithoutSizes(width: number, height: number, background: string, stored = true) {
  const body = await sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer()
  const key = mediaKeyFor(body, 'image/jpeg')
  if (stored) await mediaStorage().put(key, body, 'image/jpeg')
  return prisma().media.create({
    data: { key, mime: 'image/jpeg', width, height, bytes: body.length, alt: 'Before sizes' },
  })
}

let wide: { id: string; key: string }
let narrow: { id: string; key: string }
let lost: { id: string; key: string }

beforeAll(async () => {
  wide = await storedWithoutSizes(1400, 700, '#3a6')
  narrow = await storedWithoutSizes(200, 300, '#a36')
  lost = await storedWithoutSizes(500, 500, '#36a', false)
})

describe('npm run media:sizes', () => {
  it(
    'sizes every image that has none, and names the ones whose original is missing',
    { timeout: 120_000 },
    async () => {
      const result = await mediaSizes()
      expect(result.status, result.out).toBe(1)
      expect(result.out).toContain('sized 2 images')
      expect(result.stderr).toContain(`1 images are recorded but not in storage, so they have no sizes: ${lost.key}.`)
      const rows = await prisma().media.findMany({ select: { id: true, sizedWidths: true } })
      const widthsOf = (id: string) => rows.find((row) => row.id === id)!.sizedWidths
      expect(widthsOf(wide.id)).toEqual([320, 640, 960, 1280])
      expect(widthsOf(narrow.id)).toEqual([200])
      expect(widthsOf(lost.id)).toEqual([])
      for (const [media, widths] of [
        [wide, [320, 640, 960, 1280]],
        [narrow, [200]],
      ] as const)
        for (const width of widths) {
          const avif = await mediaStorage().get(sizedKeyOf(media.key, width, 'avif'))
          expect(avif?.contentType).toBe('image/avif')
          expect((await sharp(avif!.body).metadata()).width).toBe(width)
          expect(await mediaStorage().exists(sizedKeyOf(media.key, width, 'webp'))).toBe(true)
        }
    },
  )

  it('has nothing left to do once the missing original is dealt with', { timeout: 60_000 }, async () => {
    await prisma().media.delete({ where: { id: lost.id } })
    const result = await mediaSizes()
    expect(result.status, result.out).toBe(0)
    expect(result.out).toContain('sized 0 images')
  })
})
