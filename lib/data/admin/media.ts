import 'server-only'
// The media library as editors see it: every stored image, where it is used, its alt text.
// Rows are created only by the upload flow (lib/media/uploads.ts) once the object is verified.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { discardStored } from '@/lib/media/store-by-content'
import type { NewMedia } from '../media'
import { identity } from './fields'
import type { SignedInEditor } from './sessions'
import {
  createAudited,
  deleteAudited,
  updateAudited,
  type Db,
  type DeleteOutcome,
  type EntityWriter,
  type Refused,
  type VersionedRecord,
} from './editing'

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
  /** An outfit cover shows on its pieces' product pages too. */
  productSlugs?: string[]
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
      outfitCovers: {
        select: {
          id: true,
          title: true,
          slug: true,
          idol: { select: { slug: true } },
          items: { select: { product: { select: { slug: true } } } },
        },
      },
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
      productSlugs: o.items.map((item) => item.product.slug),
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

type MediaRefs = { key: string; width: number }

const MEDIA: EntityWriter<'Media', MediaRefs> = {
  entity: 'Media',
  unique: { field: 'key', message: 'These bytes are already in the library.' },
  async read(db: Db, id: string) {
    const row = await db.media.findUnique({
      where: { id },
      select: {
        key: true,
        alt: true,
        mime: true,
        width: true,
        height: true,
        bytes: true,
        version: true,
        updatedAt: true,
      },
    })
    if (!row) return null
    const summary = { alt: row.alt, key: row.key, mime: row.mime, size: `${row.width}×${row.height}`, bytes: row.bytes }
    return { version: row.version, updatedAt: row.updatedAt, summary, refs: { key: row.key, width: row.width } }
  },
}

/** Saves the alt text under the version check; the answer lists the image's uses, for invalidation. */
export async function saveMediaAlt(
  { id, version, alt }: z.infer<typeof mediaAltSchema>,
  editor: SignedInEditor,
): Promise<Refused | { ok: true; media: MediaDetail }> {
  const saved = await updateAudited(MEDIA, {
    record: { id, version },
    editor,
    verb: 'alt',
    write: (tx, where) => tx.media.updateMany({ where, data: { alt, version: { increment: 1 } } }),
  })
  if (!saved.ok) return saved
  return { ok: true, media: (await getMediaDetail(id))! }
}

const describeUses = (uses: MediaUse[]) => uses.map((use) => `${use.kind} “${use.label}”`).join(', ')

/**
 * Deletes an unused image: the row first (the foreign keys refuse it if someone picks the image
 * meanwhile), then the stored object and its sizes.
 */
export async function deleteMedia(record: VersionedRecord, editor: SignedInEditor): Promise<DeleteOutcome<MediaRefs>> {
  const detail = await getMediaDetail(record.id)
  if (!detail) return { ok: false, reason: 'missing' }
  if (detail.uses.length > 0)
    return {
      ok: false,
      reason: 'blocked',
      message: `This image is still used (${describeUses(detail.uses)}): replace it there first.`,
    }
  const deleted = await deleteAudited(MEDIA, { record, editor, remove: (tx, where) => tx.media.deleteMany({ where }) })
  if (deleted.ok) await discardStored(mediaStorage(), deleted.refs)
  return deleted
}

/** The row for checked, stored bytes; the same bytes uploaded twice give the existing row. */
export async function recordUploadedMedia(
  input: NewMedia,
  editor: SignedInEditor,
): Promise<{ media: MediaChoice; created: boolean } | { refused: string }> {
  const existing = () => prisma().media.findUnique({ where: { key: input.key }, select: choiceSelect })
  const stored = await existing()
  if (stored) {
    // Stored before sizes were made: they were made just now.
    await prisma().media.updateMany({
      where: { key: input.key, sizedWidths: { isEmpty: true } },
      data: { sizedWidths: input.sizedWidths },
    })
    return { media: toChoice(stored), created: false }
  }
  const created = await createAudited(MEDIA, {
    editor,
    verb: 'upload',
    create: (tx) => tx.media.create({ data: input, select: { id: true } }),
  })
  if (!created.ok) {
    // The same bytes finished uploading twice at once: the key's unique index let one row in.
    const other = await existing()
    if (other) return { media: toChoice(other), created: false }
    // Otherwise the write was refused for this editor (an account removed meanwhile, say).
    return { refused: created.reason === 'blocked' ? created.message : 'This upload could not be recorded.' }
  }
  const row = await prisma().media.findUniqueOrThrow({ where: { id: created.id }, select: choiceSelect })
  return { media: toChoice(row), created: true }
}
