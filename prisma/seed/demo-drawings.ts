// The demo seed's first step: draw every image (packshots, portraits, outfit covers, shots, posts)
// with sharp, keep it in media storage under its content key, and describe the records that will
// show it. Nothing here touches the database.
import path from 'node:path'
import type { MediaStorage } from '@/lib/storage/types'
import { storeImageSizes } from '@/lib/media/image-sizes'
import type { NewMedia } from '@/lib/data/media'
import { mediaKeyFor } from '@/lib/storage/keys'
import { CATEGORIES, COLORS, IDOLS, PHOTOGRAPHERS, SHOT_CAPTIONS } from './catalog'
import {
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
  pieceOnCover,
  randomFigure,
  type DemoImage,
  type Figure,
} from './images'
import { createRandom, type Random } from './random'

export const DEMO_COUNTS = {
  idols: IDOLS.length,
  outfitsPerIdol: 4,
  products: Object.keys(CATEGORIES).length * 18,
  shotsPerIdol: 8,
  socials: 40,
  visitors: 120,
  comments: 72,
}

export type SeedProduct = ProductData & { imageKeys: string[] }
/** An outfit; `hotspots[i]` is where items[i] is worn on the cover. */
export type SeedOutfit = {
  data: OutfitData
  coverKey: string
  items: SeedProduct[]
  hotspots: { hotspotX: number; hotspotY: number }[]
  figure: Figure
}
export type SeedShot = {
  id: string
  key: string
  caption: string
  credit: string
  outfitSlug: string | undefined
  position: number
}
export type SeedIdol = { data: IdolData; portraitKey: string; outfits: SeedOutfit[]; shots: SeedShot[] }
export type SeedSocial = { data: SocialData; idolSlug: string; key: string | undefined }

const hexOf = (colorName: string) => COLORS.find((color) => color.name === colorName)?.hex ?? '#888888'
const ALL_HEXES = COLORS.map((color) => color.hex)
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

/**
 * The sizes of the demo's drawings, kept across seeds: every test starts with empty storage, and
 * the drawings (so their sizes) are the same each time. Made once per machine, then copied.
 */
const SIZES_CACHE = path.resolve('node_modules/.cache/lookbook-image-sizes')

/** The drawn images: stored once each (a second seed finds them), with the rows the library will list. */
export class DemoImages {
  readonly rows = new Map<string, NewMedia>()
  constructor(private readonly storage: MediaStorage) {}

  async store(image: DemoImage): Promise<string> {
    const key = mediaKeyFor(image.body, image.mime)
    if (!(await this.storage.exists(key))) await this.storage.put(key, image.body, image.mime)
    const { mime, width, height, alt } = image
    const sizedWidths = await storeImageSizes(this.storage, { key, body: image.body, width }, { cacheDir: SIZES_CACHE })
    this.rows.set(key, { key, mime, width, height, bytes: image.body.length, alt, sizedWidths })
    return key
  }
}

async function inBatches<T>(count: number, size: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let start = 0; start < count; start += size) {
    const batch = Array.from({ length: Math.min(size, count - start) }, (_, k) => make(start + k))
    results.push(...(await Promise.all(batch)))
  }
  return results
}

/** Every product with two packshots; drawn a few at a time (sharp works on libuv's pool, so every core helps). */
export function drawProducts(images: DemoImages): Promise<SeedProduct[]> {
  return inBatches(DEMO_COUNTS.products, 6, async (i) => {
    const product = productData(i)
    const fill = hexOf(product.colors[0]!)
    const detail = hexOf(product.colors[1] ?? (product.colors[0] === 'Black' ? 'Ivory' : 'Black'))
    const label = `${product.name} by ${product.brand}`
    const imageKeys = await Promise.all([
      drawProduct(product.category, fill, detail, 0, `${label}, front`).then((image) => images.store(image)),
      drawProduct(product.category, fill, detail, i % 2 ? 8 : -8, `${label}, turned`).then((image) =>
        images.store(image),
      ),
    ])
    return { ...product, imageKeys }
  })
}

/** A look from the catalogue: a dress or a top and bottom, maybe a coat, shoes, maybe a bag. */
function pickLook(products: SeedProduct[], pick: Random): { items: SeedProduct[]; wearsDress: boolean } {
  const of = (...names: string[]) => products.filter((product) => names.includes(product.category))
  const wearsDress = pick.chance(0.25)
  const items = [
    ...(wearsDress
      ? [pick.pick(of('Dresses'))]
      : [pick.pick(of('Tops', 'Knitwear')), pick.pick(of('Trousers', 'Skirts'))]),
    ...(pick.chance(0.7) ? [pick.pick(of('Outerwear'))] : []),
    pick.pick(of('Shoes')),
    ...(pick.chance(0.6) ? [pick.pick(of('Bags', 'Accessories'))] : []),
  ]
  return { items, wearsDress }
}

/** An idol's outfits, each cover drawn in the colours of the products it contains. */
async function drawOutfits(
  images: DemoImages,
  products: SeedProduct[],
  idol: { index: number; name: string; figure: Figure; palette: [string, string] },
): Promise<SeedOutfit[]> {
  const outfits: SeedOutfit[] = []
  for (let j = 0; j < DEMO_COUNTS.outfitsPerIdol; j++) {
    const index = idol.index * DEMO_COUNTS.outfitsPerIdol + j
    const pick = createRandom(3000 + index)
    const { items, wearsDress } = pickLook(products, pick)
    // The figure wears each piece of the look, in the piece's first colour, where its hotspot is.
    const colorOf = (product: ProductData | undefined) => hexOf(product?.colors[0] ?? 'Charcoal')
    const worn = (...categories: string[]) => items.find((p) => categories.includes(p.category))
    const upper = worn('Dresses', 'Tops', 'Knitwear')
    const lower = wearsDress ? upper : worn('Trousers', 'Skirts')
    const piece = (...categories: string[]) => {
      const found = worn(...categories)
      return found ? colorOf(found) : null
    }
    const figure: Figure = {
      ...idol.figure,
      top: colorOf(upper),
      bottom: colorOf(lower),
      lower: wearsDress ? 'dress' : lower?.category === 'Skirts' ? 'skirt' : 'trousers',
      coat: piece('Outerwear'),
      hat: piece('Accessories'),
      bag: piece('Bags'),
      shoes: colorOf(worn('Shoes')),
      accent: idol.figure.accent,
    }
    const data = outfitData(index)
    const alt = `${idol.name} wearing the ${data.title} look`
    const coverKey = await images.store(await drawOutfitCover(figure, idol.palette, pick, alt))
    const pieces = [...new Set(items)]
    outfits.push({ data, coverKey, items: pieces, hotspots: pieces.map((p) => pieceOnCover(p.category)), figure })
  }
  return outfits
}

/** An idol's photo shots, most of them in one of the idol's outfits. */
async function drawShots(
  images: DemoImages,
  outfits: SeedOutfit[],
  idol: { index: number; name: string; palette: [string, string] },
): Promise<SeedShot[]> {
  const shots: SeedShot[] = []
  for (let j = 0; j < DEMO_COUNTS.shotsPerIdol; j++) {
    const random = createRandom(8000 + idol.index * 100 + j)
    const outfit = random.chance(0.6) ? outfits[j % outfits.length] : undefined
    const caption = random.pick(SHOT_CAPTIONS)
    const figure = outfit?.figure ?? randomFigure(random, ALL_HEXES)
    const key = await images.store(
      await drawShot(figure, idol.palette, random, `${idol.name}: ${caption.toLowerCase()}`),
    )
    shots.push({
      id: `demo-shot-${idol.index}-${j}`,
      key,
      caption,
      credit: `Photo: ${random.pick(PHOTOGRAPHERS)}`,
      outfitSlug: outfit?.data.slug,
      position: idol.index * 100 + j,
    })
  }
  return shots
}

/** Every idol with a portrait, their outfits and their shots. */
export async function drawIdols(images: DemoImages, products: SeedProduct[]): Promise<SeedIdol[]> {
  const idols: SeedIdol[] = []
  for (let index = 0; index < DEMO_COUNTS.idols; index++) {
    const random = createRandom(700 + index)
    const data = idolData(index)
    const palette = PALETTES[index % PALETTES.length]!
    const figure = randomFigure(random, ALL_HEXES)
    const portraitKey = await images.store(await drawPortrait(figure, palette, random, `Portrait of ${data.name}`))
    const idol = { index, name: data.name, figure, palette }
    const outfits = await drawOutfits(images, products, idol)
    const shots = await drawShots(images, outfits, idol)
    idols.push({ data, portraitKey, outfits, shots })
  }
  return idols
}

/** Posts on the social wall, two in three with a picture. */
export async function drawSocials(images: DemoImages, idols: SeedIdol[]): Promise<SeedSocial[]> {
  const socials: SeedSocial[] = []
  for (let i = 0; i < DEMO_COUNTS.socials; i++) {
    const idol = idols[i % idols.length]!
    const random = createRandom(9500 + i)
    const palette = PALETTES[(i + 3) % PALETTES.length]!
    const key =
      i % 3 !== 2
        ? await images.store(
            await drawShot(randomFigure(random, ALL_HEXES), palette, random, `Post by ${idol.data.name}`),
          )
        : undefined
    socials.push({ data: socialData(i, idol.data.name), idolSlug: idol.data.slug, key })
  }
  return socials
}
