// The demo campaign: idols, outfits made of products, shots, socials, likes and comments, with
// images drawn locally and stored through the storage interface.
//
// Idempotent: records are keyed by their natural keys (slug, SKU, URL, storage key) and only
// created when missing, so a second run changes nothing, and a record an editor changed is left
// as the editor left it. All rows are written in one transaction: a failed run leaves none.
import type { PrismaClient } from '@/lib/db/client'
import type { MediaStorage } from '@/lib/storage/types'
import { mediaKeyFor } from '@/lib/storage/keys'
import { hashPassword } from '@/lib/auth/password'
import { CATEGORIES, COLORS, COMMENT_BODIES, COMMENTERS, IDOLS, PHOTOGRAPHERS, SHOT_CAPTIONS } from './catalog'
import {
  hotspotFor,
  idolData,
  outfitData,
  productData,
  socialData,
  type IdolData,
  type OutfitData,
  type ProductData,
  type SocialData,
} from './factories'
import {
  drawOutfitCover,
  drawPortrait,
  drawProduct,
  drawShot,
  randomFigure,
  type DemoImage,
  type Figure,
} from './images'
import { createRandom } from './random'

export const DEMO_COUNTS = {
  idols: IDOLS.length,
  outfitsPerIdol: 4,
  products: Object.keys(CATEGORIES).length * 18,
  shotsPerIdol: 8,
  socials: 40,
  visitors: 120,
  comments: 72,
}

type MediaInput = { key: string; mime: string; width: number; height: number; bytes: number; alt: string }

const hexOf = (colorName: string) => COLORS.find((color) => color.name === colorName)?.hex ?? '#888888'
const PALETTES: [string, string][] = [
  ['#e9d8c4', '#c98f6b'],
  ['#cfd8dc', '#7d95a8'],
  ['#efe3d3', '#b9a38a'],
  ['#d8e2d0', '#8ea27f'],
  ['#ead1d1', '#b87c7c'],
  ['#d6d3e8', '#8c86b3'],
  ['#f1e4c3', '#c9a45c'],
  ['#d3e4e6', '#6f9ea3'],
]

async function inBatches<T>(count: number, size: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, k) => make(start + k))
    results.push(...(await Promise.all(batch)))
  }
  return results
}

type SeedProduct = ProductData & { imageKeys: string[] }
type SeedOutfit = { data: OutfitData; coverKey: string; items: SeedProduct[]; figure: Figure }
type SeedShot = {
  id: string
  key: string
  caption: string
  credit: string
  outfitSlug: string | undefined
  position: number
}
type SeedIdol = { data: IdolData; portraitKey: string; outfits: SeedOutfit[]; shots: SeedShot[] }
type SeedSocial = { data: SocialData; idolSlug: string; key: string | undefined }

/** The demo's editor, for local use only: documented in the README, never created in production. */
export const DEMO_EDITOR = {
  email: 'editor@lookbook.local',
  password: 'lookbook-demo-editor',
  role: 'ADMIN' as const,
  name: 'Demo Editor',
}

export type SeedReport = Record<
  'idols' | 'outfits' | 'products' | 'shots' | 'socials' | 'media' | 'likes' | 'comments',
  number
>

export async function seedDemoData(
  db: PrismaClient,
  storage: MediaStorage,
  log: (line: string) => void = () => {},
): Promise<SeedReport> {
  const started = Date.now()
  const media = new Map<string, MediaInput>()
  const store = async (image: DemoImage): Promise<string> => {
    const key = mediaKeyFor(image.body, image.mime)
    if (!(await storage.exists(key))) await storage.put(key, image.body, image.mime)
    media.set(key, {
      key,
      mime: image.mime,
      width: image.width,
      height: image.height,
      bytes: image.body.length,
      alt: image.alt,
    })
    return key
  }

  // 1. Products and their images.
  // Drawn a few at a time: sharp works on libuv's thread pool, so this uses every core.
  const products = await inBatches(DEMO_COUNTS.products, 6, async (i) => {
    const product = productData(i)
    const fill = hexOf(product.colors[0]!)
    const detail = hexOf(product.colors[1] ?? (product.colors[0] === 'Black' ? 'Ivory' : 'Black'))
    const imageKeys = await Promise.all([
      drawProduct(product.category, fill, detail, 0, `${product.name} by ${product.brand}, front`).then(store),
      drawProduct(product.category, fill, detail, i % 2 ? 8 : -8, `${product.name} by ${product.brand}, turned`).then(
        store,
      ),
    ])
    return { ...product, imageKeys }
  })
  log(`drew ${products.length} products (${Date.now() - started} ms)`)

  // 2. Idols, their outfits (covers drawn in the colours of the products they contain), shots, socials.
  const byCategory = (names: string[]) => products.filter((product) => names.includes(product.category))
  const tops = byCategory(['Tops', 'Knitwear'])
  const bottoms = byCategory(['Trousers', 'Skirts'])
  const dresses = byCategory(['Dresses'])
  const outer = byCategory(['Outerwear'])
  const shoes = byCategory(['Shoes'])
  const extras = byCategory(['Bags', 'Accessories'])

  const idols: SeedIdol[] = []
  for (let i = 0; i < DEMO_COUNTS.idols; i++) {
    const random = createRandom(700 + i)
    const idol = idolData(i)
    const palette = PALETTES[i % PALETTES.length]!
    const figure = randomFigure(
      random,
      COLORS.map((color) => color.hex),
    )
    const portraitKey = await store(await drawPortrait(figure, palette, random, `Portrait of ${idol.name}`))

    const outfits: SeedOutfit[] = []
    for (let j = 0; j < DEMO_COUNTS.outfitsPerIdol; j++) {
      const index = i * DEMO_COUNTS.outfitsPerIdol + j
      const pick = createRandom(3000 + index)
      const wearsDress = pick.chance(0.25)
      const items = [
        ...(wearsDress ? [pick.pick(dresses)] : [pick.pick(tops), pick.pick(bottoms)]),
        ...(pick.chance(0.7) ? [pick.pick(outer)] : []),
        pick.pick(shoes),
        ...(pick.chance(0.6) ? [pick.pick(extras)] : []),
      ]
      const colorOf = (product: ProductData | undefined) => hexOf(product?.colors[0] ?? 'Charcoal')
      const outfitFigure: Figure = {
        ...figure,
        top: colorOf(items.find((p) => ['Outerwear'].includes(p.category)) ?? items[0]),
        bottom: colorOf(wearsDress ? items[0] : items[1]),
        shoes: colorOf(items.find((p) => p.category === 'Shoes')),
        accent: colorOf(items.find((p) => ['Tops', 'Knitwear', 'Dresses'].includes(p.category))),
      }
      const data = outfitData(index)
      const coverKey = await store(
        await drawOutfitCover(outfitFigure, palette, pick, `${idol.name} wearing the ${data.title} look`),
      )
      outfits.push({ data, coverKey, items: [...new Set(items)], figure: outfitFigure })
    }

    const shots: SeedShot[] = []
    for (let j = 0; j < DEMO_COUNTS.shotsPerIdol; j++) {
      const random = createRandom(8000 + i * 100 + j)
      const outfit = random.chance(0.6) ? outfits[j % outfits.length] : undefined
      const caption = random.pick(SHOT_CAPTIONS)
      const key = await store(
        await drawShot(
          outfit?.figure ??
            randomFigure(
              random,
              COLORS.map((c) => c.hex),
            ),
          palette,
          random,
          `${idol.name}: ${caption.toLowerCase()}`,
        ),
      )
      shots.push({
        id: `demo-shot-${i}-${j}`,
        key,
        caption,
        credit: `Photo: ${random.pick(PHOTOGRAPHERS)}`,
        outfitSlug: outfit?.data.slug,
        position: i * 100 + j,
      })
    }
    idols.push({ data: idol, portraitKey, outfits, shots })
  }

  const socials: SeedSocial[] = []
  for (let i = 0; i < DEMO_COUNTS.socials; i++) {
    const idol = idols[i % idols.length]!
    const random = createRandom(9500 + i)
    const withImage = i % 3 !== 2
    const key = withImage
      ? await store(
          await drawShot(
            randomFigure(
              random,
              COLORS.map((c) => c.hex),
            ),
            PALETTES[(i + 3) % PALETTES.length]!,
            random,
            `Post by ${idol.data.name}`,
          ),
        )
      : undefined
    socials.push({ data: socialData(i, idol.data.name), idolSlug: idol.data.slug, key })
  }
  log(`drew ${media.size} images in all (${Date.now() - started} ms)`)

  // 3. Rows, all or nothing.
  await db.$transaction(
    async (tx) => {
      for (const row of media.values()) await tx.media.upsert({ where: { key: row.key }, create: row, update: {} })
      const mediaId = new Map(
        (await tx.media.findMany({ where: { key: { in: [...media.keys()] } }, select: { id: true, key: true } })).map(
          (m) => [m.key, m.id],
        ),
      )
      const idOf = (key: string) => mediaId.get(key)!

      const productId = new Map<string, string>()
      for (const { imageKeys, ...product } of products) {
        const row = await tx.product.upsert({
          where: { sku: product.sku },
          create: {
            ...product,
            images: { create: imageKeys.map((key, position) => ({ mediaId: idOf(key), position })) },
          },
          update: {},
          select: { id: true },
        })
        productId.set(product.sku, row.id)
      }

      const outfitId = new Map<string, string>()
      const idolId = new Map<string, string>()
      for (const idol of idols) {
        const { id } = await tx.idol.upsert({
          where: { slug: idol.data.slug },
          create: { ...idol.data, portraitId: idOf(idol.portraitKey) },
          update: {},
          select: { id: true },
        })
        idolId.set(idol.data.slug, id)
        for (const outfit of idol.outfits) {
          const random = createRandom(outfit.data.slug.length * 31)
          const row = await tx.outfit.upsert({
            where: { slug: outfit.data.slug },
            create: {
              ...outfit.data,
              idolId: id,
              coverId: idOf(outfit.coverKey),
              items: {
                create: outfit.items.map((product, position) => ({
                  productId: productId.get(product.sku)!,
                  position,
                  ...hotspotFor(position, outfit.items.length, random),
                })),
              },
            },
            update: {},
            select: { id: true },
          })
          outfitId.set(outfit.data.slug, row.id)
        }
        for (const shot of idol.shots) {
          await tx.shot.upsert({
            where: { id: shot.id },
            update: {},
            create: {
              id: shot.id,
              mediaId: idOf(shot.key),
              caption: shot.caption,
              credit: shot.credit,
              idolId: id,
              outfitId: shot.outfitSlug ? outfitId.get(shot.outfitSlug) : undefined,
              position: shot.position,
            },
          })
        }
      }
      for (const social of socials) {
        await tx.social.upsert({
          where: { url: social.data.url },
          create: {
            ...social.data,
            idolId: idolId.get(social.idolSlug),
            mediaId: social.key ? idOf(social.key) : undefined,
          },
          update: {},
        })
      }

      // Reactions from demo visitors: likes spread over outfits, a conversation under some of them.
      const outfitIds = [...outfitId.values()]
      const random = createRandom(424242)
      const likes = []
      for (let visitor = 0; visitor < DEMO_COUNTS.visitors; visitor++) {
        for (const target of random.sample(outfitIds, random.int(1, 6))) {
          likes.push({ targetType: 'OUTFIT' as const, targetId: target, visitorId: `demo-visitor-${visitor}` })
        }
      }
      for (const sku of random.sample([...productId.keys()], 40)) {
        likes.push({
          targetType: 'PRODUCT' as const,
          targetId: productId.get(sku)!,
          visitorId: `demo-visitor-${random.int(0, 119)}`,
        })
      }
      await tx.like.createMany({ data: likes, skipDuplicates: true })

      for (let i = 0; i < DEMO_COUNTS.comments; i++) {
        const target = outfitIds[(i * 5) % outfitIds.length]!
        await tx.comment.upsert({
          where: { id: `demo-comment-${i}` },
          create: {
            id: `demo-comment-${i}`,
            targetType: 'OUTFIT',
            targetId: target,
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
    },
    { timeout: 300_000, maxWait: 30_000 },
  )

  if (process.env.NODE_ENV !== 'production' && !(await db.editor.findUnique({ where: { email: DEMO_EDITOR.email } }))) {
    await db.editor.create({
      data: {
        email: DEMO_EDITOR.email,
        name: DEMO_EDITOR.name,
        role: DEMO_EDITOR.role,
        passwordHash: await hashPassword(DEMO_EDITOR.password),
      },
    })
  }

  const [idolCount, outfits, productCount, shots, socialCount, mediaCount, likeCount, comments] = await Promise.all([
    db.idol.count(),
    db.outfit.count(),
    db.product.count(),
    db.shot.count(),
    db.social.count(),
    db.media.count(),
    db.like.count(),
    db.comment.count(),
  ])
  log(`seeded in ${Date.now() - started} ms`)
  return {
    idols: idolCount,
    outfits,
    products: productCount,
    shots,
    socials: socialCount,
    media: mediaCount,
    likes: likeCount,
    comments,
  }
}
