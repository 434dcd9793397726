import 'server-only'
// The media library as editors see it: every stored image, where it is used, its alt text.
// Rows are created only by the upload flow (lib/media/uploads.ts) once the object is verified.
import { z } from 'zod'
import { isConstraintError, prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { identity } from './fields'
import type { SignedInEditor } from '@/lib/auth/sessions'

/** What a picker shows for one image. */
export type MediaChoice = { id: string; url: string; width: number; height: number; alt: string }

const choiceSelect = { id: true, key: true, width: true, height: true, alt: true } as const

function toChoice(row: { id: string; key: string; width: number; height: number; alt: string }): MediaChoice {
  return { id: row.id, url: mediaStorage().publicUrl(row.key), width: row.width, height: row.height, alt: row.alt }
}

/**
 * Images to pick from in a form (covers, portraits, shots, posts): the newest ones that are not a
 * product's packshot (the feed's images would crowd out the campaign's), plus the currently chosen
 * one (which may be older), so a form always shows what it holds.
 */
export async function listMediaChoices(currentId?: string | null, limit = 200): Promise<MediaChoice[]> {
  const rows = await prisma().media.findMany({
    where: { productImages: { none: {} } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: limit,
    select: choiceSelect,
  })
  if (currentId && !rows.some((row) => row.id === currentId)) {
    const current = await prisma().media.findUnique({ where: { id: currentId }, select: choiceSelect })
    if (current) rows.unshift(current)
  }
  return rows.map(toChoice)
}

/** Whether a media id names a stored image; pass the transaction when saving inside one. */
export async function mediaExists(
  id: string,
  db: Pick<ReturnType<typeof prisma>, 'media'> = prisma(),
): Promise<boolean> {
  return (await db.media.count({ where: { id } })) === 1
}

// --- The library ----------------------------------------------------------------------------------

/** One place an image is used, with what invalidation and the admin links need. */
export type MediaUse = {
  kind: 'idol' | 'outfit' | 'product' | 'shot' | 'social'
  id: string
  label: string
  slug?: string
  idolSlug?: string
  outfitSlug?: string
}

export type LibraryItem = MediaChoice & { mime: string; bytes: number; uses: number; createdAt: string }

const PAGE_SIZE = 24
const useCounts = {
  _count: { select: { idolPortraits: true, outfitCovers: true, productImages: true, shots: true, socials: true } },
} as const
const totalUses = (count: {
  idolPortraits: number
  outfitCovers: number
  productImages: number
  shots: number
  socials: number
}) => count.idolPortraits + count.outfitCovers + count.productImages + count.shots + count.socials

export async function listMediaLibrary(
  page: number,
  filter: 'all' | 'unused' | 'no-alt' = 'all',
  search = '',
): Promise<{ items: LibraryItem[]; page: number; pages: number; total: number }> {
  const text = search.trim().slice(0, 100)
  const shown =
    filter === 'unused'
      ? {
          idolPortraits: { none: {} },
          outfitCovers: { none: {} },
          productImages: { none: {} },
          shots: { none: {} },
          socials: { none: {} },
        }
      : filter === 'no-alt'
        ? { alt: '' }
        : {}
  // Alt text says what a picture shows: it is what editors search by.
  const where = text ? { AND: [shown, { alt: { contains: text, mode: 'insensitive' as const } }] } : shown
  const total = await prisma().media.count({ where })
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const current = Math.min(Math.max(1, page), pages)
  const rows = await prisma().media.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: { ...choiceSelect, mime: true, bytes: true, createdAt: true, ...useCounts },
  })
  return {
    items: rows.map((row) => ({
      ...toChoice(row),
      mime: row.mime,
      bytes: row.bytes,
      uses: totalUses(row._count),
      createdAt: row.createdAt.toISOString(),
    })),
    page: current,
    pages,
    total,
  }
}

export async function getMediaDetail(id: string) {
  const row = await prisma().media.findUnique({
    where: { id },
    select: {
      ...choiceSelect,
      mime: true,
      bytes: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      idolPortraits: { select: { id: true, name: true, slug: true } },
      outfitCovers: { select: { id: true, title: true, slug: true, idol: { select: { slug: true } } } },
      productImages: { select: { product: { select: { id: true, name: true, slug: true } } } },
      shots: {
        select: { id: true, caption: true, idol: { select: { slug: true } }, outfit: { select: { slug: true } } },
      },
      socials: { select: { id: true, author: true, idol: { select: { slug: true } } } },
    },
  })
  if (!row) return null
  const uses: MediaUse[] = [
    ...row.outfitCovers.map((o) => ({
      kind: 'outfit' as const,
      id: o.id,
      label: o.title,
      slug: o.slug,
      idolSlug: o.idol.slug,
    })),
    ...row.idolPortraits.map((i) => ({ kind: 'idol' as const, id: i.id, label: i.name, slug: i.slug })),
    ...row.productImages.map(({ product: p }) => ({ kind: 'product' as const, id: p.id, label: p.name, slug: p.slug })),
    ...row.shots.map((s) => ({
      kind: 'shot' as const,
      id: s.id,
      label: s.caption || 'Untitled shot',
      idolSlug: s.idol?.slug,
      outfitSlug: s.outfit?.slug,
    })),
    ...row.socials.map((s) => ({
      kind: 'social' as const,
      id: s.id,
      label: `Post by ${s.author}`,
      idolSlug: s.idol?.slug,
    })),
  ]
  return {
    ...toChoice(row),
    mime: row.mime,
    bytes: row.bytes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    uses,
  }
}
export type MediaDetail = NonNullable<Awaited<ReturnType<typeof getMediaDetail>>>

export const altTextSchema = z
  .string()
  .trim()
  .max(300, 'Alt text is at most 300 characters: describe what the picture shows.')

export const mediaAltSchema = z.object({ ...identity, alt: altTextSchema })

export type MediaSaveResult =
  | { ok: true; media: MediaDetail }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'conflict'; current: { alt: string; version: number; updatedAt: string } }

/** Saves the alt text under the version check; the result lists the uses, for invalidation. */
export async function saveMediaAlt(
  input: z.infer<typeof mediaAltSchema>,
  editor: SignedInEditor,
): Promise<MediaSaveResult> {
  const result = await prisma().$transaction(async (tx) => {
    const before = await tx.media.findUnique({
      where: { id: input.id },
      select: { alt: true, version: true, updatedAt: true },
    })
    if (!before) return { ok: false as const, reason: 'missing' as const }
    const updated = await tx.media.updateMany({
      where: { id: input.id, version: input.version },
      data: { alt: input.alt, version: { increment: 1 } },
    })
    if (updated.count === 0)
      return {
        ok: false as const,
        reason: 'conflict' as const,
        current: { alt: before.alt, version: before.version, updatedAt: before.updatedAt.toISOString() },
      }
    await tx.auditEvent.create({
      data: {
        editorId: editor.id,
        action: 'media.alt',
        entityType: 'Media',
        entityId: input.id,
        before: { alt: before.alt },
        after: { alt: input.alt },
      },
    })
    return { ok: true as const }
  })
  if (!result.ok) return result
  return { ok: true, media: (await getMediaDetail(input.id))! }
}

/**
 * Deletes an unused image: the row first (in a transaction that re-checks its uses; the foreign
 * keys refuse it too if someone picks the image meanwhile), then the stored object.
 */
export async function deleteMedia(
  id: string,
  version: number,
  editor: SignedInEditor,
): Promise<
  { ok: true } | { ok: false; reason: 'missing' | 'conflict' } | { ok: false; reason: 'in-use'; uses: MediaUse[] }
> {
  const detail = await getMediaDetail(id)
  if (!detail) return { ok: false, reason: 'missing' }
  if (detail.uses.length > 0) return { ok: false, reason: 'in-use', uses: detail.uses }
  let key: string
  try {
    const outcome = await prisma().$transaction(async (tx) => {
      const row = await tx.media.findUnique({ where: { id }, select: { key: true, version: true, alt: true } })
      if (!row) return { ok: false as const, reason: 'missing' as const }
      if (row.version !== version) return { ok: false as const, reason: 'conflict' as const }
      await tx.media.delete({ where: { id } })
      await tx.auditEvent.create({
        data: {
          editorId: editor.id,
          action: 'media.delete',
          entityType: 'Media',
          entityId: id,
          before: { key: row.key, alt: row.alt },
        },
      })
      return { ok: true as const, key: row.key }
    })
    if (!outcome.ok) return outcome
    key = outcome.key
  } catch (error) {
    if (isConstraintError(error, 'P2003'))
      return { ok: false, reason: 'in-use', uses: (await getMediaDetail(id))?.uses ?? [] }
    throw error
  }
  await mediaStorage().delete(key)
  return { ok: true }
}

/** The row for checked, stored bytes; the same bytes uploaded twice give the existing row. */
export async function recordUploadedMedia(
  input: { key: string; mime: string; width: number; height: number; bytes: number; alt: string },
  editor: SignedInEditor,
): Promise<{ media: MediaChoice; created: boolean }> {
  return prisma().$transaction(async (tx) => {
    const existing = await tx.media.findUnique({ where: { key: input.key }, select: choiceSelect })
    if (existing) return { media: toChoice(existing), created: false }
    const row = await tx.media.create({ data: input, select: choiceSelect })
    await tx.auditEvent.create({
      data: {
        editorId: editor.id,
        action: 'media.upload',
        entityType: 'Media',
        entityId: row.id,
        after: { key: input.key, mime: input.mime, size: `${input.width}×${input.height}`, bytes: input.bytes },
      },
    })
    return { media: toChoice(row), created: true }
  })
}
