import 'server-only'
// Editors' view of outfits: drafts and scheduled ones included, edits guarded by a version number
// (no silent overwrite of someone else's newer save), every change recorded in the audit log.
import { z } from 'zod'
import { prisma, type Prisma } from '@/lib/db/client'
import type { SignedInEditor } from '@/lib/auth/sessions'
import { mediaStorage } from '@/lib/storage'
import { reshapeImage } from '../media'
import { mediaExists } from './media'
import { CHOICE_GONE } from './editing'
import { identity, optionalChoice, optionalDateTimeField } from './fields'
import { firstFreeSlug, slugify } from '@/lib/slug'

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

export async function listIdolChoices(): Promise<{ id: string; name: string }[]> {
  return prisma().idol.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })
}

/** The public slug of an outfit, for the draft preview's redirect. */
export async function outfitSlugById(id: string): Promise<string | null> {
  return (await prisma().outfit.findUnique({ where: { id }, select: { slug: true } }))?.slug ?? null
}

export type DashboardCounts = Record<
  | 'outfits'
  | 'drafts'
  | 'pendingComments'
  | 'idols'
  | 'hiddenIdols'
  | 'shots'
  | 'socials'
  | 'pendingSocials'
  | 'products',
  number
>

export async function getDashboardCounts(): Promise<DashboardCounts> {
  const db = prisma()
  const [outfits, drafts, pendingComments, idols, hiddenIdols, shots, socials, pendingSocials, products] =
    await Promise.all([
      db.outfit.count(),
      db.outfit.count({ where: { published: false } }),
      db.comment.count({ where: { status: 'PENDING' } }),
      db.idol.count(),
      db.idol.count({ where: { published: false } }),
      db.shot.count(),
      db.social.count(),
      db.social.count({ where: { approved: false } }),
      db.product.count(),
    ])
  return { outfits, drafts, pendingComments, idols, hiddenIdols, shots, socials, pendingSocials, products }
}

export const outfitFieldsSchema = z.object({
  ...identity,
  title: z
    .string()
    .trim()
    .min(2, 'Give the outfit a title (2–120 characters).')
    .max(120, 'Titles are at most 120 characters.'),
  description: z.string().trim().max(2000, 'Descriptions are at most 2000 characters.'),
  featured: z.boolean(),
  published: z.boolean(),
  idolId: z.string().trim().min(1, 'Choose the idol who wears it.'),
  coverId: optionalChoice,
  publishedAt: optionalDateTimeField,
})
export type OutfitFields = z.infer<typeof outfitFieldsSchema>

export type SaveResult =
  | { ok: true; slug: string; idolSlug: string; newIdolSlug?: string; version: number }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'invalid'; fields: Record<string, string> }
  | {
      ok: false
      reason: 'conflict'
      current: { title: string; description: string; published: boolean; version: number; updatedAt: string }
    }

/** Saves when `version` is still the stored one; otherwise reports the newer save, changing nothing. */
export async function saveOutfitFields(fields: OutfitFields, editor: SignedInEditor): Promise<SaveResult> {
  return prisma().$transaction(async (tx) => {
    const before = await tx.outfit.findUnique({
      where: { id: fields.id },
      select: {
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
        idol: { select: { slug: true } },
      },
    })
    if (!before) return { ok: false as const, reason: 'missing' as const }
    const idol = await tx.idol.findUnique({ where: { id: fields.idolId }, select: { slug: true } })
    if (!idol)
      return {
        ok: false as const,
        reason: 'invalid' as const,
        fields: { idolId: CHOICE_GONE.idol } as Record<string, string>,
      }
    if (fields.coverId && !(await mediaExists(fields.coverId, tx)))
      return {
        ok: false as const,
        reason: 'invalid' as const,
        fields: { coverId: CHOICE_GONE.media } as Record<string, string>,
      }
    const { id, version, ...changes } = fields
    const updated = await tx.outfit.updateMany({
      where: { id, version },
      data: { ...changes, version: { increment: 1 } },
    })
    if (updated.count === 0) {
      return {
        ok: false as const,
        reason: 'conflict' as const,
        current: {
          title: before.title,
          description: before.description,
          published: before.published,
          version: before.version,
          updatedAt: before.updatedAt.toISOString(),
        },
      }
    }
    const summary = (value: typeof changes | typeof before) => ({
      title: value.title,
      published: value.published,
      publishedAt: value.publishedAt?.toISOString() ?? null,
      featured: value.featured,
      idolId: value.idolId,
      coverId: value.coverId,
    })
    await tx.auditEvent.create({
      data: {
        editorId: editor.id,
        action: 'outfit.update',
        entityType: 'Outfit',
        entityId: id,
        before: summary(before),
        after: summary(changes),
      },
    })
    return {
      ok: true as const,
      slug: before.slug,
      idolSlug: before.idol.slug,
      newIdolSlug: idol.slug,
      version: version + 1,
    }
  })
}

// --- Items: the pieces of a look, in order, with their hotspots on the cover ----------------------

export const outfitItemsSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().positive(),
  items: z
    .array(
      z.object({
        productId: z.string().min(1),
        hotspotX: z.number().min(0).max(1).nullable(),
        hotspotY: z.number().min(0).max(1).nullable(),
      }),
    )
    .max(30, 'A look has at most 30 pieces.')
    .refine(
      (items) => new Set(items.map((item) => item.productId)).size === items.length,
      'Each product can be in a look once.',
    ),
})
export type OutfitItemsInput = z.infer<typeof outfitItemsSchema>

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

/** Replaces the items in one transaction (all or nothing), under the same version check as the fields. */
export async function saveOutfitItems(
  input: OutfitItemsInput,
  editor: SignedInEditor,
): Promise<Exclude<SaveResult, { reason: 'invalid' }> | { ok: false; reason: 'unknown-products'; skus: string[] }> {
  return prisma().$transaction(async (tx) => {
    const before = await tx.outfit.findUnique({
      where: { id: input.id },
      select: {
        slug: true,
        title: true,
        description: true,
        published: true,
        version: true,
        updatedAt: true,
        idol: { select: { slug: true } },
        items: { orderBy: { position: 'asc' }, select: { product: { select: { sku: true } } } },
      },
    })
    if (!before) return { ok: false as const, reason: 'missing' as const }
    const found = await tx.product.findMany({
      where: { id: { in: input.items.map((item) => item.productId) } },
      select: { id: true, sku: true },
    })
    if (found.length !== input.items.length) {
      const known = new Set(found.map((product) => product.id))
      return {
        ok: false as const,
        reason: 'unknown-products' as const,
        skus: input.items.filter((item) => !known.has(item.productId)).map((item) => item.productId),
      }
    }
    const bumped = await tx.outfit.updateMany({
      where: { id: input.id, version: input.version },
      data: { version: { increment: 1 } },
    })
    if (bumped.count === 0) {
      return {
        ok: false as const,
        reason: 'conflict' as const,
        current: {
          title: before.title,
          description: before.description,
          published: before.published,
          version: before.version,
          updatedAt: before.updatedAt.toISOString(),
        },
      }
    }
    await tx.outfitItem.deleteMany({ where: { outfitId: input.id } })
    await tx.outfitItem.createMany({
      data: input.items.map((item, position) => ({ outfitId: input.id, position, ...item })),
    })
    const skuOf = new Map(found.map((product) => [product.id, product.sku]))
    await tx.auditEvent.create({
      data: {
        editorId: editor.id,
        action: 'outfit.items',
        entityType: 'Outfit',
        entityId: input.id,
        before: { items: before.items.map((item) => item.product.sku) },
        after: { items: input.items.map((item) => skuOf.get(item.productId)!) },
      },
    })
    return { ok: true as const, slug: before.slug, idolSlug: before.idol.slug, version: input.version + 1 }
  })
}

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

// --- Creating and deleting ----------------------------------------------------------------------

export const newOutfitSchema = z.object({
  title: z
    .string()
    .trim()
    .min(2, 'Give the outfit a title (2–120 characters).')
    .max(120, 'Titles are at most 120 characters.'),
  idolId: z.string().min(1, 'Choose the idol who wears it.'),
})

/** Creates a draft (unpublished) outfit with a unique slug from its title; null when the idol is unknown. */
export async function createOutfitDraft(
  input: z.infer<typeof newOutfitSchema>,
  editor: SignedInEditor,
): Promise<{ id: string } | null> {
  return prisma().$transaction(async (tx) => {
    if (!(await tx.idol.findUnique({ where: { id: input.idolId }, select: { id: true } }))) return null
    const base = slugify(input.title, 'outfit')
    const slug = firstFreeSlug(
      base,
      new Set(
        (await tx.outfit.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map(
          (row) => row.slug,
        ),
      ),
    )
    const outfit = await tx.outfit.create({
      data: { slug, title: input.title, idolId: input.idolId, published: false },
      select: { id: true },
    })
    await tx.auditEvent.create({
      data: {
        editorId: editor.id,
        action: 'outfit.create',
        entityType: 'Outfit',
        entityId: outfit.id,
        after: { slug, title: input.title },
      },
    })
    return outfit
  })
}

/** Deletes the outfit with its items, likes and comments (shots keep their photo, unlinked). */
export async function deleteOutfit(
  id: string,
  version: number,
  editor: SignedInEditor,
): Promise<{ ok: true; slug: string; idolSlug: string } | { ok: false; reason: 'missing' | 'conflict' }> {
  return prisma().$transaction(async (tx) => {
    const outfit = await tx.outfit.findUnique({
      where: { id },
      select: {
        slug: true,
        title: true,
        version: true,
        idol: { select: { slug: true } },
        _count: { select: { items: true } },
      },
    })
    if (!outfit) return { ok: false as const, reason: 'missing' as const }
    if (outfit.version !== version) return { ok: false as const, reason: 'conflict' as const }
    await tx.like.deleteMany({ where: { targetType: 'OUTFIT', targetId: id } })
    await tx.comment.deleteMany({ where: { targetType: 'OUTFIT', targetId: id } })
    await tx.outfit.delete({ where: { id } })
    await tx.auditEvent.create({
      data: {
        editorId: editor.id,
        action: 'outfit.delete',
        entityType: 'Outfit',
        entityId: id,
        before: { slug: outfit.slug, title: outfit.title, items: outfit._count.items },
      },
    })
    return { ok: true as const, slug: outfit.slug, idolSlug: outfit.idol.slug }
  })
}
