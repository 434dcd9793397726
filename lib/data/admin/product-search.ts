import 'server-only'
// Editors find products by name, brand, category or SKU: the outfit editor's picker and the
// product list search the same way.
import { prisma, type Prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'

export type ProductChoice = {
  id: string
  sku: string
  name: string
  brand: string
  category: string
  imageUrl: string | null
}

/** Editors' product search: by name, brand, category or SKU (shared by the picker and the product list). */
export function productSearchWhere(q: string): Prisma.ProductWhereInput {
  return {
    OR: [
      { name: { contains: q, mode: 'insensitive' } },
      { brand: { contains: q, mode: 'insensitive' } },
      { category: { contains: q, mode: 'insensitive' } },
      { sku: { contains: q, mode: 'insensitive' } },
    ],
  }
}

/** The picker's search: active products first. */
export async function searchProductsForPicker(query: string): Promise<ProductChoice[]> {
  const q = query.trim().slice(0, 60)
  if (!q) return []
  const rows = await prisma().product.findMany({
    where: productSearchWhere(q),
    orderBy: [{ active: 'desc' }, { name: 'asc' }],
    take: 12,
    select: {
      id: true,
      sku: true,
      name: true,
      brand: true,
      category: true,
      images: { orderBy: { position: 'asc' }, take: 1, select: { media: { select: { key: true } } } },
    },
  })
  return rows.map((row) => ({
    id: row.id,
    sku: row.sku,
    name: row.name,
    brand: row.brand,
    category: row.category,
    imageUrl: row.images[0] ? mediaStorage().publicUrl(row.images[0].media.key) : null,
  }))
}
