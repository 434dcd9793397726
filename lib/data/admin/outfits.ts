import 'server-only'
// Editors' view of outfits: drafts and scheduled ones included, edits guarded by a version number
// (no silent overwrite of someone else's newer save), every change recorded in the audit log.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import type { SignedInEditor } from '@/lib/auth/sessions'

export type AdminOutfitRow = { id: string; slug: string; title: string; idolName: string; published: boolean; publishedAt: string | null; featured: boolean; itemCount: number; updatedAt: string }

export async function listOutfitsForEditors(): Promise<AdminOutfitRow[]> {
  const rows = await prisma().outfit.findMany({
    orderBy: [{ updatedAt: 'desc' }],
    select: { id: true, slug: true, title: true, published: true, publishedAt: true, featured: true, updatedAt: true, idol: { select: { name: true } }, _count: { select: { items: true } } },
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
  return prisma().outfit.findUnique({
    where: { id },
    select: { id: true, slug: true, title: true, description: true, published: true, publishedAt: true, featured: true, version: true, updatedAt: true, idol: { select: { slug: true, name: true } } },
  })
}

export const outfitFieldsSchema = z.object({
  id: z.string().min(1),
  version: z.coerce.number().int().positive(),
  title: z.string().trim().min(2, 'Give the outfit a title (2–120 characters).').max(120, 'Titles are at most 120 characters.'),
  description: z.string().trim().max(2000, 'Descriptions are at most 2000 characters.'),
  featured: z.boolean(),
  published: z.boolean(),
  publishedAt: z
    .string()
    .trim()
    .transform((value, context) => {
      if (!value) return null
      const date = new Date(value)
      if (Number.isNaN(date.getTime())) {
        context.addIssue({ code: 'custom', message: 'Use a date and time, e.g. 2026-12-01T09:00.' })
        return z.NEVER
      }
      return date
    }),
})
export type OutfitFields = z.infer<typeof outfitFieldsSchema>

export type SaveResult =
  | { ok: true; slug: string; idolSlug: string; version: number }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'conflict'; current: { title: string; description: string; published: boolean; version: number; updatedAt: string } }

/** Saves when `version` is still the stored one; otherwise reports the newer save, changing nothing. */
export async function saveOutfitFields(fields: OutfitFields, editor: SignedInEditor): Promise<SaveResult> {
  return prisma().$transaction(async (tx) => {
    const before = await tx.outfit.findUnique({ where: { id: fields.id }, select: { slug: true, title: true, description: true, published: true, publishedAt: true, featured: true, version: true, updatedAt: true, idol: { select: { slug: true } } } })
    if (!before) return { ok: false as const, reason: 'missing' as const }
    const { id, version, ...changes } = fields
    const updated = await tx.outfit.updateMany({ where: { id, version }, data: { ...changes, version: { increment: 1 } } })
    if (updated.count === 0) {
      return {
        ok: false as const,
        reason: 'conflict' as const,
        current: { title: before.title, description: before.description, published: before.published, version: before.version, updatedAt: before.updatedAt.toISOString() },
      }
    }
    const summary = (value: typeof changes | typeof before) => ({ title: value.title, published: value.published, publishedAt: value.publishedAt?.toISOString() ?? null, featured: value.featured })
    await tx.auditEvent.create({ data: { editorId: editor.id, action: 'outfit.update', entityType: 'Outfit', entityId: id, before: summary(before), after: summary(changes) } })
    return { ok: true as const, slug: before.slug, idolSlug: before.idol.slug, version: version + 1 }
  })
}
