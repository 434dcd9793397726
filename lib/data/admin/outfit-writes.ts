import 'server-only'
// Editors' changes to outfits (fields, pieces, creating a draft, deleting), each through
// ./editing.ts: version-checked, audited, refused in one shape.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import { firstFreeSlug, slugify } from '@/lib/slug'
import type { SignedInEditor } from './sessions'
import {
  createAudited,
  deleteAudited,
  short,
  updateAudited,
  type Db,
  type EntityWriter,
  type FieldErrors,
  type VersionedRecord,
} from './editing'
import { missingChoices } from './choices'
import { identity, optionalChoice, optionalDateTimeField } from './fields'

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

export const outfitItemsSchema = z.object({
  ...identity,
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

export const newOutfitSchema = z.object({
  title: z
    .string()
    .trim()
    .min(2, 'Give the outfit a title (2–120 characters).')
    .max(120, 'Titles are at most 120 characters.'),
  idolId: z.string().min(1, 'Choose the idol who wears it.'),
})

/**
 * The pages an outfit change touches: its own, its pieces' product pages, and the pages of the
 * idols that show it: the one who wears it, and any whose shots name it.
 */
type OutfitRefs = { slug: string; idolSlugs: string[]; productSlugs: string[] }

const OUTFITS: EntityWriter<'Outfit', OutfitRefs> = {
  entity: 'Outfit',
  targetType: 'OUTFIT',
  unique: { field: 'title', message: 'Another outfit took this address meanwhile: save again.' },
  async read(db: Db, id: string) {
    const row = await db.outfit.findUnique({
      where: { id },
      select: {
        slug: true,
        title: true,
        description: true,
        published: true,
        publishedAt: true,
        featured: true,
        idolId: true,
        coverId: true,
        version: true,
        updatedAt: true,
        idol: { select: { slug: true } },
        items: { orderBy: { position: 'asc' }, select: { product: { select: { sku: true, slug: true } } } },
        shots: { select: { idol: { select: { slug: true } } } },
      },
    })
    if (!row) return null
    const summary = {
      title: row.title,
      slug: row.slug,
      description: short(row.description),
      published: row.published,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      featured: row.featured,
      idolId: row.idolId,
      coverId: row.coverId,
      items: row.items.map((item) => item.product.sku),
    }
    return {
      version: row.version,
      updatedAt: row.updatedAt,
      summary,
      refs: {
        slug: row.slug,
        idolSlugs: [...new Set([row.idol.slug, ...row.shots.flatMap((shot) => (shot.idol ? [shot.idol.slug] : []))])],
        productSlugs: row.items.map((item) => item.product.slug),
      },
    }
  },
}

/** Saves when `version` is still the stored one; otherwise reports the newer save, changing nothing. */
export async function saveOutfitFields({ id, version, ...changes }: OutfitFields, editor: SignedInEditor) {
  return updateAudited(OUTFITS, {
    record: { id, version },
    editor,
    verb: 'update',
    checks: () =>
      missingChoices({
        idols: [{ field: 'idolId', id: changes.idolId }],
        media: [{ field: 'coverId', id: changes.coverId }],
      }),
    write: (tx, where) => tx.outfit.updateMany({ where, data: { ...changes, version: { increment: 1 } } }),
  })
}

async function unknownProducts(input: OutfitItemsInput): Promise<FieldErrors> {
  const ids = input.items.map((item) => item.productId)
  const found = new Set(
    (await prisma().product.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id),
  )
  return ids.every((id) => found.has(id))
    ? {}
    : { items: 'A chosen product no longer exists: remove it and save again.' }
}

/** Replaces the pieces in one transaction (all or nothing), under the same version check as the fields. */
export async function saveOutfitItems(input: OutfitItemsInput, editor: SignedInEditor) {
  return updateAudited(OUTFITS, {
    record: { id: input.id, version: input.version },
    editor,
    verb: 'items',
    checks: () => unknownProducts(input),
    async write(tx, where) {
      const bumped = await tx.outfit.updateMany({ where, data: { version: { increment: 1 } } })
      if (bumped.count === 0) return bumped
      await tx.outfitItem.deleteMany({ where: { outfitId: input.id } })
      await tx.outfitItem.createMany({
        data: input.items.map((item, position) => ({ outfitId: input.id, position, ...item })),
      })
      return bumped
    },
  })
}

async function freeOutfitSlug(title: string): Promise<string> {
  const base = slugify(title, 'outfit')
  const taken = await prisma().outfit.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })
  return firstFreeSlug(base, new Set(taken.map((row) => row.slug)))
}

/** Creates a draft (unpublished) outfit with a unique slug from its title. */
export async function createOutfitDraft(input: z.infer<typeof newOutfitSchema>, editor: SignedInEditor) {
  const slug = await freeOutfitSlug(input.title)
  return createAudited(OUTFITS, {
    editor,
    verb: 'create',
    checks: () => missingChoices({ idols: [{ field: 'idolId', id: input.idolId }] }),
    create: (tx) =>
      tx.outfit.create({
        data: { slug, title: input.title, idolId: input.idolId, published: false },
        select: { id: true },
      }),
  })
}

/** Deletes the outfit with its pieces, likes and comments (shots keep their photo, unlinked). */
export async function deleteOutfit(record: VersionedRecord, editor: SignedInEditor) {
  return deleteAudited(OUTFITS, { record, editor, remove: (tx, where) => tx.outfit.deleteMany({ where }) })
}
