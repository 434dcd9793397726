// The demo seed's second step: the rows for what was drawn, inside the caller's transaction. Each
// record is keyed by its natural key (storage key, SKU, slug, URL, a fixed id) and only created when
// missing, so a second run changes nothing and an editor's change stays.
import type { Prisma } from '@/lib/db/client'
import { COMMENT_BODIES, COMMENTERS } from './catalog'
import { createRandom } from './random'
import type { NewMedia } from '@/lib/data/media'
import { DEMO_COUNTS, type SeedIdol, type SeedProduct, type SeedSocial } from './demo-drawings'

type Tx = Prisma.TransactionClient
/** A stored image's row id, by its storage key. */
export type MediaIdOf = (key: string) => string

export async function writeMedia(tx: Tx, rows: Iterable<NewMedia>): Promise<MediaIdOf> {
  const keys: string[] = []
  for (const row of rows) {
    await tx.media.upsert({ where: { key: row.key }, create: row, update: {} })
    // Seeded before images had sizes: they have them now (a row with sizes is left as it is).
    await tx.media.updateMany({
      where: { key: row.key, sizedWidths: { isEmpty: true } },
      data: { sizedWidths: row.sizedWidths },
    })
    keys.push(row.key)
  }
  const stored = await tx.media.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } })
  const idByKey = new Map(stored.map((media) => [media.key, media.id]))
  return (key) => idByKey.get(key)!
}

/** Products with their packshots; answers their ids by SKU. */
export async function writeProducts(tx: Tx, products: SeedProduct[], mediaId: MediaIdOf) {
  const productId = new Map<string, string>()
  for (const { imageKeys, ...product } of products) {
    const row = await tx.product.upsert({
      where: { sku: product.sku },
      create: {
        ...product,
        images: { create: imageKeys.map((key, position) => ({ mediaId: mediaId(key), position })) },
      },
      update: {},
      select: { id: true },
    })
    productId.set(product.sku, row.id)
  }
  return productId
}

/** Idols with their outfits (pieces placed on the cover) and shots; answers idols' and outfits' ids by slug. */
export async function writeIdols(tx: Tx, idols: SeedIdol[], productId: Map<string, string>, mediaId: MediaIdOf) {
  const idolId = new Map<string, string>()
  const outfitId = new Map<string, string>()
  for (const idol of idols) {
    const { id } = await tx.idol.upsert({
      where: { slug: idol.data.slug },
      create: { ...idol.data, portraitId: mediaId(idol.portraitKey) },
      update: {},
      select: { id: true },
    })
    idolId.set(idol.data.slug, id)
    for (const outfit of idol.outfits) {
      const items = outfit.items.map((product, position) => ({
        productId: productId.get(product.sku)!,
        position,
        ...outfit.hotspots[position]!,
      }))
      const row = await tx.outfit.upsert({
        where: { slug: outfit.data.slug },
        create: { ...outfit.data, idolId: id, coverId: mediaId(outfit.coverKey), items: { create: items } },
        update: {},
        select: { id: true },
      })
      outfitId.set(outfit.data.slug, row.id)
    }
    for (const { key, outfitSlug, ...shot } of idol.shots) {
      await tx.shot.upsert({
        where: { id: shot.id },
        update: {},
        create: {
          ...shot,
          mediaId: mediaId(key),
          idolId: id,
          outfitId: outfitSlug ? outfitId.get(outfitSlug) : undefined,
        },
      })
    }
  }
  return { idolId, outfitId }
}

export async function writeSocials(tx: Tx, socials: SeedSocial[], idolId: Map<string, string>, mediaId: MediaIdOf) {
  for (const social of socials) {
    await tx.social.upsert({
      where: { url: social.data.url },
      create: {
        ...social.data,
        idolId: idolId.get(social.idolSlug),
        mediaId: social.key ? mediaId(social.key) : undefined,
      },
      update: {},
    })
  }
}

/** Reactions from demo visitors: likes spread over outfits and products, a conversation under some outfits. */
export async function writeReactions(tx: Tx, outfitIds: string[], productIds: string[]) {
  const random = createRandom(424242)
  const likes = []
  for (let visitor = 0; visitor < DEMO_COUNTS.visitors; visitor++) {
    for (const target of random.sample(outfitIds, random.int(1, 6))) {
      likes.push({ targetType: 'OUTFIT' as const, targetId: target, visitorId: `demo-visitor-${visitor}` })
    }
  }
  for (const target of random.sample(productIds, 40)) {
    likes.push({ targetType: 'PRODUCT' as const, targetId: target, visitorId: `demo-visitor-${random.int(0, 119)}` })
  }
  await tx.like.createMany({ data: likes, skipDuplicates: true })

  for (let i = 0; i < DEMO_COUNTS.comments; i++) {
    await tx.comment.upsert({
      where: { id: `demo-comment-${i}` },
      create: {
        id: `demo-comment-${i}`,
        targetType: 'OUTFIT',
        targetId: outfitIds[(i * 5) % outfitIds.length]!,
        authorName: random.pick(COMMENTERS),
        body: random.pick(COMMENT_BODIES),
        status: i % 9 === 8 ? 'PENDING' : 'PUBLISHED',
        visitorId: `demo-visitor-${i}`,
        ipHash: 'demo',
        createdAt: new Date(Date.UTC(2026, 9, 5) + i * 5 * 3600 * 1000),
      },
      update: {},
    })
  }
}
