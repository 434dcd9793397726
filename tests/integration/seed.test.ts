// The demo campaign: big and varied enough to look real, stored through the storage interface,
// and idempotent.
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { COLORS } from '@/prisma/seed/catalog'
import sharp from 'sharp'
import { useFreshDatabase } from '../support/database'

useFreshDatabase()

async function snapshot() {
  const db = prisma()
  const tables = [
    'idol',
    'outfit',
    'outfitItem',
    'product',
    'productImage',
    'shot',
    'social',
    'media',
    'like',
    'comment',
  ] as const
  const counts = Object.fromEntries(
    await Promise.all(tables.map(async (t) => [t, await (db[t] as unknown as { count(): Promise<number> }).count()])),
  )
  const latest = await db.$queryRaw<{ t: Date | null }[]>`
    SELECT max(t) AS t FROM (
      SELECT max("updatedAt") AS t FROM "Idol" UNION ALL SELECT max("updatedAt") FROM "Outfit" UNION ALL
      SELECT max("updatedAt") FROM "Product" UNION ALL SELECT max("updatedAt") FROM "Shot" UNION ALL
      SELECT max("updatedAt") FROM "Social" UNION ALL SELECT max("updatedAt") FROM "Media" UNION ALL
      SELECT max("updatedAt") FROM "Comment") AS all_tables`
  return { counts, latestUpdate: latest[0]?.t?.toISOString() }
}

describe('demo seed', () => {
  it('writes a believable campaign, then changes nothing on a second run', async () => {
    const db = prisma()
    const report = await seedDemoData(db, mediaStorage())
    expect(report.idols).toBeGreaterThanOrEqual(6)
    expect(report.outfits).toBeGreaterThanOrEqual(24)
    expect(report.products).toBeGreaterThanOrEqual(150)
    expect(report.shots).toBeGreaterThanOrEqual(60)
    expect(report.socials).toBeGreaterThanOrEqual(30)
    expect(report.likes).toBeGreaterThan(0)
    expect(report.comments).toBeGreaterThan(0)

    const products = await db.product.findMany({ select: { category: true, brand: true, colors: true, sizes: true } })
    expect(new Set(products.map((p) => p.category)).size).toBeGreaterThanOrEqual(6)
    expect(new Set(products.map((p) => p.brand)).size).toBeGreaterThanOrEqual(8)
    expect(new Set(products.flatMap((p) => p.colors)).size).toBeGreaterThanOrEqual(10)
    expect(new Set(products.flatMap((p) => p.sizes)).size).toBeGreaterThanOrEqual(10)

    // Outfits are made of products, with hotspots on the cover.
    const outfits = await db.outfit.findMany({ include: { items: true } })
    for (const outfit of outfits) {
      expect(outfit.coverId).not.toBeNull()
      expect(outfit.items.length).toBeGreaterThanOrEqual(3)
      for (const item of outfit.items) {
        expect(item.hotspotX).toBeGreaterThan(0)
        expect(item.hotspotX).toBeLessThan(1)
        expect(item.hotspotY).toBeGreaterThan(0)
        expect(item.hotspotY).toBeLessThan(1)
      }
    }
    // Each hotspot sits on the piece it names: the cover's colour there is the piece's colour (the
    // figure is drawn wearing the look: a hat on the head, a coat over the top, a bag at the hand).
    const covers = await db.outfit.findMany({
      include: { cover: true, items: { include: { product: true } } },
    })
    for (const outfit of covers) {
      const stored = await mediaStorage().get(outfit.cover!.key)
      const { data, info } = await sharp(stored!.body).raw().toBuffer({ resolveWithObject: true })
      for (const item of outfit.items) {
        const px = Math.round(item.hotspotX! * info.width)
        const py = Math.round(item.hotspotY! * info.height)
        const at = (py * info.width + px) * info.channels
        const seen = [data[at]!, data[at + 1]!, data[at + 2]!]
        const hex = COLORS.find((color) => color.name === item.product.colors[0])!.hex
        const wanted = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
        const off = Math.max(...seen.map((value, i) => Math.abs(value - wanted[i]!)))
        expect(off, `${outfit.slug}: ${item.product.category} ${item.product.name} at ${px},${py}`).toBeLessThanOrEqual(
          24,
        )
      }
    }
    expect(await db.comment.count({ where: { status: 'PENDING' } })).toBeGreaterThan(0)
    expect(await db.social.count({ where: { approved: false } })).toBeGreaterThan(0)

    // Every medium is a real, stored image of the recorded size.
    const media = await db.media.findMany()
    const storage = mediaStorage()
    for (const medium of media.slice(0, 40)) {
      const object = await storage.get(medium.key)
      expect(object?.contentType).toBe('image/jpeg')
      expect(object?.body.length).toBe(medium.bytes)
      expect(object?.body.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
    }
    for (const medium of media) expect(await storage.exists(medium.key)).toBe(true)

    const before = await snapshot()
    await seedDemoData(db, mediaStorage())
    expect(await snapshot()).toEqual(before)
  }, 240_000)
})
