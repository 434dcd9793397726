import 'server-only'
// Editors' view of outfits: drafts and scheduled ones included. Changes go through
// ./outfit-writes.ts.
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { reshapeImage } from '../media'

export type AdminOutfitRow = {
  id: string
  slug: string
  title: string
  idolName: string
  published: boolean
  publishedAt: string | null
  featured: boolean
  itemCount: number
  updatedAt: string
}

export async function listOutfitsForEditors(): Promise<AdminOutfitRow[]> {
  const rows = await prisma().outfit.findMany({
    orderBy: [{ updatedAt: 'desc' }],
    select: {
      id: true,
      slug: true,
      title: true,
      published: true,
      publishedAt: true,
      featured: true,
      updatedAt: true,
      idol: { select: { name: true } },
      _count: { select: { items: true } },
    },
  })
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    idolName: row.idol.name,
    published: row.published,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    featured: row.featured,
    itemCount: row._count.items,
    updatedAt: row.updatedAt.toISOString(),
  }))
}

export async function getOutfitForEditing(id: string) {
  const outfit = await prisma().outfit.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      published: true,
      publishedAt: true,
      featured: true,
      version: true,
      updatedAt: true,
      idolId: true,
      coverId: true,
      idol: { select: { slug: true, name: true } },
      cover: { select: { key: true, width: true, height: true, alt: true } },
    },
  })
  if (!outfit) return null
  const { cover, ...rest } = outfit
  return { ...rest, cover: reshapeImage(cover) }
}

/** The public slug of an outfit, for the draft preview's redirect. */
export async function outfitSlugById(id: string): Promise<string | null> {
  return (await prisma().outfit.findUnique({ where: { id }, select: { slug: true } }))?.slug ?? null
}

export type EditableItem = {
  productId: string
  sku: string
  name: string
  brand: string
  imageUrl: string | null
  hotspotX: number | null
  hotspotY: number | null
}

export async function getOutfitItemsForEditing(id: string): Promise<EditableItem[]> {
  const items = await prisma().outfitItem.findMany({
    where: { outfitId: id },
    orderBy: { position: 'asc' },
    include: {
      product: {
        select: {
          id: true,
          sku: true,
          name: true,
          brand: true,
          images: { orderBy: { position: 'asc' }, take: 1, select: { media: { select: { key: true } } } },
        },
      },
    },
  })
  return items.map((item) => ({
    productId: item.product.id,
    sku: item.product.sku,
    name: item.product.name,
    brand: item.product.brand,
    imageUrl: item.product.images[0] ? mediaStorage().publicUrl(item.product.images[0].media.key) : null,
    hotspotX: item.hotspotX,
    hotspotY: item.hotspotY,
  }))
}
