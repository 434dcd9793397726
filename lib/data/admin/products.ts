import 'server-only'
// Editors' view of products. The shop's feed owns them; editors change only the editorial fields
// (docs/decisions/009-product-editorial-fields.md): the save writes name and description and
// nothing else, whatever a form posts. Writes go through ./editing.ts.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import type { SignedInEditor } from './sessions'
import { reshapeImage } from '../media'
import { pageOf } from '../reshape'
import { offerOf } from '../offers'
import type { Image, Offer, Page } from '../types'
import { short, updateAudited, type Db, type EntityWriter } from './editing'
import { identity, textField } from './fields'
import { productSearchWhere } from './product-search'

export const ADMIN_PRODUCTS_PER_PAGE = 50

export type AdminProductRow = {
  id: string
  sku: string
  name: string
  brand: string
  category: string
  active: boolean
  image: Image | null
}

const firstImage = {
  orderBy: { position: 'asc' },
  take: 1,
  select: { media: { select: { key: true, width: true, height: true, alt: true } } },
} as const

/** Every product (inactive ones too: outfits may still show them), by name, or those matching `query`. */
export async function listProductsForEditors(query: string, page: number): Promise<Page<AdminProductRow>> {
  const q = query.trim().slice(0, 60)
  const where = q ? productSearchWhere(q) : {}
  const [rows, total] = await Promise.all([
    prisma().product.findMany({
      where,
      orderBy: [{ name: 'asc' }, { sku: 'asc' }],
      skip: (page - 1) * ADMIN_PRODUCTS_PER_PAGE,
      take: ADMIN_PRODUCTS_PER_PAGE,
      select: { id: true, sku: true, name: true, brand: true, category: true, active: true, images: firstImage },
    }),
    prisma().product.count({ where }),
  ])
  const items = rows.map(({ images, ...row }) => ({ ...row, image: reshapeImage(images[0]?.media, row.name) }))
  return pageOf(items, total, page, ADMIN_PRODUCTS_PER_PAGE)
}

export const productEditorialSchema = z.object({
  ...identity,
  name: textField(160, 'Names are at most 160 characters.', {
    min: 2,
    required: 'Give the product a name (2–160 characters).',
  }),
  description: textField(4000, 'Descriptions are at most 4000 characters.'),
})
export type ProductEditorialFields = z.infer<typeof productEditorialSchema>

/** The editorial fields to edit, and the feed's fields to show beside them, read-only. */
export type EditableProduct = {
  id: string
  version: number
  name: string
  description: string
  feed: {
    slug: string
    sku: string
    brand: string
    category: string
    colors: string[]
    sizes: string[]
    shopUrl: string
    active: boolean
    image: Image | null
  }
  offer: Offer
}

export async function getProductForEditing(id: string): Promise<EditableProduct | null> {
  const row = await prisma().product.findUnique({
    where: { id },
    select: {
      id: true,
      version: true,
      name: true,
      description: true,
      slug: true,
      sku: true,
      brand: true,
      category: true,
      colors: true,
      sizes: true,
      shopUrl: true,
      active: true,
      priceCents: true,
      salePriceCents: true,
      currency: true,
      availability: true,
      offerUpdatedAt: true,
      images: firstImage,
    },
  })
  if (!row) return null
  const {
    id: productId,
    version,
    name,
    description,
    priceCents,
    salePriceCents,
    currency,
    availability,
    offerUpdatedAt,
    images,
    ...feed
  } = row
  return {
    id: productId,
    version,
    name,
    description,
    feed: { ...feed, image: reshapeImage(images[0]?.media, name) },
    offer: offerOf({ sku: row.sku, priceCents, salePriceCents, currency, availability, offerUpdatedAt }),
  }
}

const PRODUCTS: EntityWriter<'Product', { slug: string }> = {
  entity: 'Product',
  async read(db: Db, id: string) {
    const row = await db.product.findUnique({
      where: { id },
      select: { slug: true, sku: true, name: true, description: true, version: true, updatedAt: true },
    })
    if (!row) return null
    return {
      version: row.version,
      updatedAt: row.updatedAt,
      summary: { sku: row.sku, name: row.name, description: short(row.description) },
      refs: { slug: row.slug },
    }
  },
}

export async function updateProductEditorial(input: ProductEditorialFields, editor: SignedInEditor) {
  return updateAudited(PRODUCTS, {
    record: { id: input.id, version: input.version },
    editor,
    verb: 'update',
    async write(tx, where) {
      // A field the editor changed is theirs from now on: the feed sync no longer writes it.
      const stored = await tx.product.findUnique({ where: { id: input.id }, select: { name: true, description: true } })
      const now = new Date()
      // Named fields, not a spread: nothing else a request carries can reach the feed's columns.
      const data = {
        name: input.name,
        description: input.description,
        version: { increment: 1 },
        ...(stored && stored.name !== input.name ? { nameEditedAt: now } : {}),
        ...(stored && stored.description !== input.description ? { descriptionEditedAt: now } : {}),
      }
      return tx.product.updateMany({ where, data })
    },
  })
}
