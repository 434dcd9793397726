// The public data layer: filters, facet counts, detail pages, visibility and search.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { prisma } from '@/lib/db/client'
import { listProducts, getProductBySlug } from '@/lib/data/products'
import { getFacets } from '@/lib/data/facets'
import { getOutfitBySlug, listOutfits } from '@/lib/data/outfits'
import { getIdolBySlug } from '@/lib/data/idols'
import { listShots, listSocials } from '@/lib/data/shots'
import { search } from '@/lib/data/search'
import { getOffers } from '@/lib/data/offers'
import { DEFAULT_FILTER } from '@/lib/data/product-filter'
import type { ProductFilter } from '@/lib/data/types'
import { createIdol, createMediaRow, createOutfit, createProduct } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'

useFreshDatabase()
const filter = (overrides: Partial<ProductFilter>): ProductFilter => ({ ...DEFAULT_FILTER, ...overrides })

let ids: Record<string, string>
beforeAll(async () => {
  const db = prisma()
  const make = (name: string, category: string, brand: string, colors: string[], sizes: string[], priceCents: number) =>
    createProduct(db, {
      name,
      slug: `p-${name.toLowerCase().replace(/ /g, '-')}`,
      sku: `SKU-${name.replace(/ /g, '')}`,
      category,
      brand,
      colors,
      sizes,
      priceCents,
      description: `${name} in soft wool`,
    })
  const products = await Promise.all([
    make('Camel Coat', 'Outerwear', 'Basalt', ['Camel'], ['S', 'M'], 30000),
    make('Navy Coat', 'Outerwear', 'Halden', ['Navy', 'Black'], ['M', 'L'], 25000),
    make('Black Tee', 'Tops', 'Basalt', ['Black'], ['XS', 'S'], 3000),
    make('White Sneakers', 'Shoes', 'Ondine', ['White'], ['38', '39'], 9000),
  ])
  await createProduct(db, {
    name: 'Retired Scarf',
    slug: 'p-retired',
    sku: 'SKU-retired',
    category: 'Accessories',
    brand: 'Basalt',
    colors: ['Camel'],
    active: false,
  })
  ids = Object.fromEntries(products.map((p) => [p.name, p.id]))
})

describe('products', () => {
  it('filters by several facets at once and counts', async () => {
    const page = await listProducts(filter({ category: ['Outerwear'], color: ['Black', 'Camel'] }))
    expect(page.items.map((p) => p.name).sort()).toEqual(['Camel Coat', 'Navy Coat'])
    expect(page.total).toBe(2)
    expect(page.items[0]).not.toHaveProperty('priceCents')
    const brandAndSize = await listProducts(filter({ brand: ['Basalt'], size: ['S'] }))
    expect(brandAndSize.items.map((p) => p.name).sort()).toEqual(['Black Tee', 'Camel Coat'])
  })

  it('sorts by name and by price, and pages', async () => {
    expect((await listProducts(filter({ sort: 'name' }))).items.map((p) => p.name)).toEqual([
      'Black Tee',
      'Camel Coat',
      'Navy Coat',
      'White Sneakers',
    ])
    expect((await listProducts(filter({ sort: 'price-desc' }))).items.map((p) => p.name)).toEqual([
      'Camel Coat',
      'Navy Coat',
      'White Sneakers',
      'Black Tee',
    ])
    const beyond = await listProducts(filter({ page: 2 }))
    expect(beyond).toMatchObject({ items: [], total: 4, pageCount: 1, page: 2 })
  })

  it("counts a facet's values under the other facets' selections", async () => {
    const facets = await getFacets(filter({ category: ['Outerwear'], brand: ['Basalt'] }))
    // Category counts apply the brand filter only: Basalt has one coat and one tee.
    expect(facets.category.find((v) => v.value === 'Outerwear')).toEqual({
      value: 'Outerwear',
      count: 1,
      selected: true,
    })
    expect(facets.category.find((v) => v.value === 'Tops')).toEqual({ value: 'Tops', count: 1, selected: false })
    // Brand counts apply the category filter only.
    expect(facets.brand.filter((v) => v.count > 0).map((v) => [v.value, v.count])).toEqual([
      ['Basalt', 1],
      ['Halden', 1],
    ])
    // Inactive products count nowhere; sizes come in wearing order.
    expect(facets.category.find((v) => v.value === 'Accessories')).toBeUndefined()
    expect(facets.size.map((v) => v.value)).toEqual(['XS', 'S', 'M', 'L', '38', '39'])
  })

  it('shows a product with its images and looks, and hides inactive ones', async () => {
    const db = prisma()
    const image = await createMediaRow(db)
    await db.productImage.create({ data: { productId: ids['Camel Coat']!, mediaId: image.id, position: 0 } })
    const idol = await createIdol(db)
    const look = await createOutfit(db, { idolId: idol.id, productIds: [ids['Camel Coat']!] })
    await createOutfit(db, { idolId: idol.id, productIds: [ids['Camel Coat']!], published: false })
    const product = await getProductBySlug('p-camel-coat')
    expect(product).toMatchObject({
      name: 'Camel Coat',
      sku: 'SKU-CamelCoat',
      sizes: ['S', 'M'],
      images: [{ url: `/${image.key}` }],
    })
    expect(product?.outfits.map((o) => o.slug)).toEqual([look.slug])
    expect(product).not.toHaveProperty('priceCents')
    expect(await getProductBySlug('p-retired')).toBeNull()
  })

  it('reads live offers for known, active SKUs only', async () => {
    const offers = await getOffers(['SKU-CamelCoat', 'SKU-retired', 'nope'])
    expect(offers).toEqual([
      {
        sku: 'SKU-CamelCoat',
        priceCents: 30000,
        salePriceCents: null,
        currency: 'EUR',
        price: '€300.00',
        salePrice: null,
        availability: expect.any(String),
        updatedAt: expect.any(String),
      },
    ])
  })

  it('asks the database once for SKUs that many requests want at the same moment', async () => {
    const reads = vi.spyOn(prisma().product, 'findMany') // counts, and calls through to the database
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => getOffers(['SKU-NavyCoat', 'SKU-BlackTee', 'not-a-sku'])),
      )
      expect(reads).toHaveBeenCalledTimes(1)
      expect(new Set(answers.map((offers) => JSON.stringify(offers))).size).toBe(1)
      expect(answers[0]!.map((offer) => [offer.sku, offer.priceCents])).toEqual([
        ['SKU-NavyCoat', 25000],
        ['SKU-BlackTee', 3000],
      ])
      await getOffers(['SKU-NavyCoat', 'not-a-sku']) // now from the KV, the unknown one included
      expect(reads).toHaveBeenCalledTimes(1)
    } finally {
      reads.mockRestore()
    }
  })
})

describe('outfits and idols', () => {
  it('gives an outfit its items in order with hotspots, only when public', async () => {
    const db = prisma()
    const idol = await createIdol(db, { name: 'Outfit Owner' })
    const outfit = await createOutfit(db, {
      idolId: idol.id,
      productIds: [ids['Black Tee']!, ids['Navy Coat']!, ids['White Sneakers']!],
    })
    const detail = await getOutfitBySlug(outfit.slug)
    expect(detail?.items.map((item) => item.product.name)).toEqual(['Black Tee', 'Navy Coat', 'White Sneakers'])
    for (const item of detail!.items) {
      expect(item.hotspot!.x).toBeGreaterThan(0)
      expect(item.hotspot!.y).toBeLessThan(1)
      expect(item.product.shopUrl).toMatch(/^https:\/\//)
    }
    const scheduled = await createOutfit(db, { idolId: idol.id, publishedAt: new Date(Date.now() + 3_600_000) })
    expect(await getOutfitBySlug(scheduled.slug)).toBeNull()
    expect((await listOutfits(1)).items.map((o) => o.slug)).not.toContain(scheduled.slug)
  })

  it('shows a published idol with public outfits, shots and approved posts only', async () => {
    const db = prisma()
    const idol = await createIdol(db, { name: 'Ada Visible' })
    const hidden = await createIdol(db, { name: 'Bo Hidden', published: false })
    const shown = await createOutfit(db, { idolId: idol.id })
    await createOutfit(db, { idolId: idol.id, published: false })
    const media = await createMediaRow(db)
    await db.shot.create({ data: { mediaId: media.id, caption: 'On set', idolId: idol.id, outfitId: shown.id } })
    await db.social.create({
      data: {
        network: 'INSTAGRAM',
        url: `https://instagram.example.com/${idol.slug}/1`,
        author: 'Ada',
        postedAt: new Date(),
        idolId: idol.id,
        approved: true,
      },
    })
    await db.social.create({
      data: {
        network: 'TIKTOK',
        url: `https://tiktok.example.com/${idol.slug}/2`,
        author: 'Ada',
        postedAt: new Date(),
        idolId: idol.id,
        approved: false,
      },
    })

    const detail = await getIdolBySlug(idol.slug)
    expect(detail?.outfits.map((o) => o.slug)).toEqual([shown.slug])
    expect(detail?.shots.map((s) => s.caption)).toEqual(['On set'])
    expect(detail?.shots[0]?.outfit?.slug).toBe(shown.slug)
    expect(detail?.socials.map((s) => s.network)).toEqual(['INSTAGRAM'])
    expect(await getIdolBySlug(hidden.slug)).toBeNull()
    expect((await listShots(1)).items.some((s) => s.caption === 'On set')).toBe(true)
    expect((await listSocials(1)).items.every((s) => s.network !== 'TIKTOK' || s.author !== 'Ada')).toBe(true)
  })
})

describe('search', () => {
  it('finds products by word prefixes, ranked, and ignores hostile input', async () => {
    const results = await search('coat')
    expect(results.products.map((p) => p.name).sort()).toEqual(['Camel Coat', 'Navy Coat'])
    expect((await search('sneak')).products.map((p) => p.name)).toEqual(['White Sneakers'])
    expect((await search('camel wool')).products.map((p) => p.name)).toEqual(['Camel Coat'])
    expect((await search('\'); DROP TABLE "Product"; --')).products).toEqual([])
    expect((await search('   ')).products).toEqual([])
    expect((await search('ada visible')).idols.map((i) => i.name)).toEqual(['Ada Visible'])
  })
})
