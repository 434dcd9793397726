// Factories shared by the demo seed and the tests: each builds the data for one record from a
// seeded random generator and an index, so the same call always gives the same record, and
// tests can override any field. `create*` helpers write one record with Prisma.
import type { Prisma, PrismaClient } from '@/lib/db/client'
import type { Availability, SocialNetwork } from '@/lib/db/generated/enums'
import {
  ADJECTIVES,
  BRANDS,
  CATEGORIES,
  COLORS,
  IDOLS,
  MATERIALS,
  OUTFIT_LINES,
  OUTFIT_TITLES,
  SOCIAL_TEXTS,
} from './catalog'
import { createRandom, type Random } from './random'
import { slugify } from '@/lib/slug'

export type ProductData = Omit<Prisma.ProductCreateInput, 'images' | 'outfitItems'> & {
  colors: string[]
  sizes: string[]
}

export function productData(index: number, overrides: Partial<ProductData> = {}): ProductData {
  const random = createRandom(1000 + index)
  const categoryNames = Object.keys(CATEGORIES)
  // Walk the categories in turn so every category has products, then vary within each.
  const category = categoryNames[index % categoryNames.length] as string
  const spec = CATEGORIES[category]!
  const brand = BRANDS[(index * 7 + Math.floor(index / categoryNames.length)) % BRANDS.length] as string
  const name = `${random.pick(ADJECTIVES)} ${random.pick(spec.nouns)}`
  const colors = random.sample(COLORS, random.int(1, 3)).map((color) => color.name)
  const sizes =
    spec.sizes.length > 1 ? spec.sizes.slice(random.int(0, 1), spec.sizes.length - random.int(0, 1)) : [...spec.sizes]
  const sku = `LB-${category.slice(0, 3).toUpperCase()}-${String(10000 + index * 37).padStart(5, '0')}`
  const priceCents = Math.round(random.int(spec.price[0], spec.price[1]) / 100) * 100 - 5
  const availability: Availability = random.chance(0.75)
    ? 'IN_STOCK'
    : random.pick(['LOW_STOCK', 'OUT_OF_STOCK', 'PREORDER'] as const)
  return {
    sku,
    slug: slugify(`${brand} ${name} ${sku.slice(-5)}`),
    name,
    brand,
    category,
    colors,
    sizes,
    description: `${name} by ${brand} in ${random.pick(MATERIALS)}. ${random.pick([
      'Cut for an easy fit that layers well.',
      'Finished with clean seams and a soft hand-feel.',
      'A wardrobe piece made to be worn for years.',
      'Designed in-house and made in small runs.',
    ])}`,
    shopUrl: `https://shop.example.com/p/${sku.toLowerCase()}`,
    priceCents,
    currency: 'EUR',
    availability,
    ...overrides,
  }
}

export type IdolData = Omit<Prisma.IdolCreateInput, 'portrait' | 'outfits' | 'shots' | 'socials'>

export function idolData(index: number, overrides: Partial<IdolData> = {}): IdolData {
  const base = IDOLS[index % IDOLS.length]!
  const name = index < IDOLS.length ? base.name : `${base.name} ${Math.floor(index / IDOLS.length) + 1}`
  return {
    slug: slugify(name),
    name,
    bio: base.bio,
    instagram: base.instagram,
    tiktok: base.tiktok,
    facebook: null,
    position: index,
    published: true,
    ...overrides,
  }
}

export type OutfitData = Omit<Prisma.OutfitUncheckedCreateInput, 'idolId' | 'coverId' | 'items'>

export function outfitData(index: number, overrides: Partial<OutfitData> = {}): OutfitData {
  const random = createRandom(5000 + index)
  const title = OUTFIT_TITLES[index % OUTFIT_TITLES.length]!
  // Stagger publication dates over the past weeks so "latest" orderings mean something.
  const publishedAt = new Date(Date.UTC(2026, 8, 1) + index * 36 * 3600 * 1000)
  return {
    slug: slugify(index < OUTFIT_TITLES.length ? title : `${title} ${index}`),
    title,
    description: random.pick(OUTFIT_LINES),
    featured: index % 4 === 0,
    published: true,
    publishedAt,
    ...overrides,
  }
}

/** Hotspots spread down the figure: head to toe, a little off-centre, inside the image. */
export function hotspotFor(position: number, count: number, random: Random): { hotspotX: number; hotspotY: number } {
  const band = (position + 0.5) / Math.max(count, 1)
  return {
    hotspotX: Number((0.35 + random.next() * 0.3).toFixed(3)),
    hotspotY: Number((0.18 + band * 0.66).toFixed(3)),
  }
}

const NETWORKS: SocialNetwork[] = ['INSTAGRAM', 'TIKTOK', 'FACEBOOK', 'X', 'YOUTUBE']

export type SocialData = Omit<Prisma.SocialUncheckedCreateInput, 'mediaId' | 'idolId'>

export function socialData(index: number, author: string, overrides: Partial<SocialData> = {}): SocialData {
  const random = createRandom(9000 + index)
  const network = NETWORKS[index % NETWORKS.length]!
  return {
    network,
    url: `https://${network.toLowerCase()}.example.com/${slugify(author)}/posts/${100000 + index}`,
    author,
    text: random.pick(SOCIAL_TEXTS),
    postedAt: new Date(Date.UTC(2026, 9, 1) + index * 17 * 3600 * 1000),
    approved: index % 8 !== 7, // a few wait for an editor
    ...overrides,
  }
}

// --- Writing single records (tests) --------------------------------------------------------------

let uniqueCounter = 0
/** A number no other factory call in this process has used: for unique slugs in tests. */
export function unique(): number {
  return 100_000 + process.pid * 1000 + uniqueCounter++
}

export async function createMediaRow(db: PrismaClient, overrides: Partial<Prisma.MediaCreateInput> = {}) {
  const n = unique()
  const hex = n.toString(16).padStart(32, '0').slice(-32)
  return db.media.create({
    data: {
      key: `media/${hex.slice(0, 2)}/${hex}.jpg`,
      mime: 'image/jpeg',
      width: 800,
      height: 1000,
      bytes: 1234,
      alt: 'Test image',
      ...overrides,
    },
  })
}

export async function createProduct(db: PrismaClient, overrides: Partial<ProductData> = {}) {
  const n = unique()
  const data = productData(n, { sku: `TEST-${n}`, slug: `test-product-${n}`, ...overrides })
  return db.product.create({ data })
}

export async function createIdol(
  db: PrismaClient,
  { portraitId, ...overrides }: Partial<IdolData> & { portraitId?: string } = {},
) {
  const n = unique()
  return db.idol.create({
    data: {
      ...idolData(n, { slug: `test-idol-${n}`, ...overrides }),
      ...(portraitId ? { portrait: { connect: { id: portraitId } } } : {}),
    },
  })
}

export async function createOutfit(
  db: PrismaClient,
  { idolId, productIds = [], ...overrides }: Partial<OutfitData> & { idolId: string; productIds?: string[] },
) {
  const n = unique()
  const random = createRandom(n)
  return db.outfit.create({
    data: {
      ...outfitData(n, {
        slug: `test-outfit-${n}`,
        publishedAt: new Date(Date.now() - 3_600_000),
        featured: false,
        ...overrides,
      }),
      idol: { connect: { id: idolId } },
      items: {
        create: productIds.map((productId, position) => ({
          product: { connect: { id: productId } },
          position,
          ...hotspotFor(position, productIds.length, random),
        })),
      },
    },
  })
}
