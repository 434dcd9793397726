import 'server-only'
import { forPossibleSlugs } from './possible-slug'
import type { Prisma } from '@/lib/db/client'
import { prisma } from '@/lib/db/client'
import { cached } from '@/lib/cache/cached'
import { TAGS } from '@/lib/cache/tags'
import { reshapeImage } from './media'
import { PRODUCTS_PER_PAGE } from './product-filter'
import {
  mediaSelect,
  outfitSummarySelect,
  pageOf,
  productSummarySelect,
  reshapeOutfitSummary,
  reshapeProductSummary,
} from './reshape'
import type { FacetName, Page, ProductDetail, ProductFilter, ProductSummary } from './types'
import { publicOutfitWhere } from './visibility'

/** The filter as a Prisma condition; `except` leaves one facet out (for that facet's counts). */
export function productWhere(filter: ProductFilter, except?: FacetName): Prisma.ProductWhereInput {
  const where: Prisma.ProductWhereInput = { active: true }
  if (filter.category.length && except !== 'category') where.category = { in: filter.category }
  if (filter.brand.length && except !== 'brand') where.brand = { in: filter.brand }
  if (filter.color.length && except !== 'color') where.colors = { hasSome: filter.color }
  if (filter.size.length && except !== 'size') where.sizes = { hasSome: filter.size }
  return where
}

const ORDER: Record<ProductFilter['sort'], Prisma.ProductOrderByWithRelationInput[]> = {
  newest: [{ createdAt: 'desc' }, { sku: 'asc' }],
  name: [{ name: 'asc' }, { sku: 'asc' }],
  // Ordering by price shows no price: the order may lag the live price by one revalidation.
  'price-asc': [{ priceCents: 'asc' }, { sku: 'asc' }],
  'price-desc': [{ priceCents: 'desc' }, { sku: 'asc' }],
}

export const listProducts = cached(
  'products',
  'products',
  () => [TAGS.products],
  async (filter: ProductFilter): Promise<Page<ProductSummary>> => {
    const where = productWhere(filter)
    const [rows, total] = await Promise.all([
      prisma().product.findMany({
        where,
        orderBy: ORDER[filter.sort],
        skip: (filter.page - 1) * PRODUCTS_PER_PAGE,
        take: PRODUCTS_PER_PAGE,
        select: productSummarySelect,
      }),
      prisma().product.count({ where }),
    ])
    return pageOf(rows.map(reshapeProductSummary), total, filter.page, PRODUCTS_PER_PAGE)
  },
)

/** The product with its images and the public outfits it appears in; null when unknown or inactive. */
export const getProductBySlug = forPossibleSlugs(
  cached(
    'product',
    'products',
    (slug: string) => [TAGS.products, TAGS.product(slug)],
    async (slug: string): Promise<ProductDetail | null> => {
      const row = await prisma().product.findFirst({
        where: { slug, active: true },
        select: {
          ...productSummarySelect,
          description: true,
          sizes: true,
          shopUrl: true,
          images: { orderBy: { position: 'asc' }, select: { media: mediaSelect } },
          outfitItems: { where: { outfit: publicOutfitWhere() }, select: { outfit: { select: outfitSummarySelect } } },
        },
      })
      if (!row) return null
      return {
        ...reshapeProductSummary(row),
        description: row.description,
        sizes: row.sizes,
        shopUrl: row.shopUrl,
        images: row.images.map((image) => reshapeImage(image.media, `${row.name} by ${row.brand}`)!),
        outfits: row.outfitItems.map((item) => reshapeOutfitSummary(item.outfit)),
      }
    },
  ),
)

export async function getAllActiveProductSlugs(): Promise<{ slug: string; updatedAt: Date }[]> {
  return prisma().product.findMany({
    where: { active: true },
    select: { slug: true, updatedAt: true },
    orderBy: { slug: 'asc' },
  })
}
