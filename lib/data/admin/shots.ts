import 'server-only'
// Editors' view of shots: the campaign's photos, hidden ones included, optionally linked to an
// idol and an outfit (their pages show the shot). Writes go through ./editing.ts.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import type { SignedInEditor } from './sessions'
import { reshapeImage } from '../media'
import type { Image } from '../types'
import { listMediaChoices } from './media'
import { listIdolChoices } from './idols'
import {
  createAudited,
  deleteAudited,
  short,
  updateAudited,
  type Db,
  type EntityWriter,
  type VersionedRecord,
} from './editing'
import { missingChoices } from './choices'
import { identity, optionalChoice, positionField, textField } from './fields'

export type AdminShotRow = {
  id: string
  caption: string
  image: Image | null
  idolName: string | null
  outfitTitle: string | null
  position: number
  published: boolean
}

export async function listShotsForEditors(): Promise<AdminShotRow[]> {
  const rows = await prisma().shot.findMany({
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      caption: true,
      position: true,
      published: true,
      media: { select: { key: true, width: true, height: true, alt: true } },
      idol: { select: { name: true } },
      outfit: { select: { title: true } },
    },
  })
  return rows.map((row) => ({
    id: row.id,
    caption: row.caption,
    image: reshapeImage(row.media, row.caption),
    idolName: row.idol?.name ?? null,
    outfitTitle: row.outfit?.title ?? null,
    position: row.position,
    published: row.published,
  }))
}

/** Outfits a shot can be linked to, with their idol's name to tell same-titled looks apart. */
async function listOutfitChoices(): Promise<{ id: string; name: string }[]> {
  const rows = await prisma().outfit.findMany({
    orderBy: [{ title: 'asc' }, { slug: 'asc' }],
    select: { id: true, title: true, idol: { select: { name: true } } },
  })
  return rows.map((row) => ({ id: row.id, name: `${row.title} (${row.idol.name})` }))
}

/** What the shot form offers: photos (with the current one), idols and outfits. */
export async function getShotFormChoices(currentMediaId: string | null) {
  const [photos, idols, outfits] = await Promise.all([
    listMediaChoices(currentMediaId),
    listIdolChoices(),
    listOutfitChoices(),
  ])
  return { photos, idols, outfits }
}

export const shotSchema = z.object({
  mediaId: z.string().trim().min(1, 'Choose the photo.').max(40),
  caption: textField(300, 'Captions are at most 300 characters.'),
  credit: textField(120, 'Credits are at most 120 characters.'),
  idolId: optionalChoice,
  outfitId: optionalChoice,
  position: positionField,
  published: z.boolean(),
})
export const shotUpdateSchema = shotSchema.extend(identity)
export type ShotFields = z.infer<typeof shotSchema>

export type EditableShot = ShotFields & { id: string; version: number }

export async function getShotForEditing(id: string): Promise<EditableShot | null> {
  return prisma().shot.findUnique({
    where: { id },
    select: {
      id: true,
      version: true,
      mediaId: true,
      caption: true,
      credit: true,
      idolId: true,
      outfitId: true,
      position: true,
      published: true,
    },
  })
}

/** The pages that show a shot besides the gallery: its idol's and its outfit's. */
type ShotRefs = { idolSlug: string | null; outfitSlug: string | null }

const SHOTS: EntityWriter<'Shot', ShotRefs> = {
  entity: 'Shot',
  targetType: 'SHOT',
  async read(db: Db, id: string) {
    const row = await db.shot.findUnique({
      where: { id },
      select: {
        caption: true,
        credit: true,
        mediaId: true,
        position: true,
        published: true,
        version: true,
        updatedAt: true,
        idol: { select: { slug: true } },
        outfit: { select: { slug: true } },
      },
    })
    if (!row) return null
    const refs = { idolSlug: row.idol?.slug ?? null, outfitSlug: row.outfit?.slug ?? null }
    const summary = {
      caption: short(row.caption),
      credit: row.credit,
      photo: row.mediaId,
      idol: refs.idolSlug,
      outfit: refs.outfitSlug,
      position: row.position,
      published: row.published,
    }
    return { version: row.version, updatedAt: row.updatedAt, summary, refs }
  },
}

const checks = (input: ShotFields) => () =>
  missingChoices({
    media: [{ field: 'mediaId', id: input.mediaId }],
    idols: [{ field: 'idolId', id: input.idolId }],
    outfits: [{ field: 'outfitId', id: input.outfitId }],
  })

export async function createShot(input: ShotFields, editor: SignedInEditor) {
  return createAudited(SHOTS, {
    editor,
    verb: 'create',
    checks: checks(input),
    create: (tx) => tx.shot.create({ data: input, select: { id: true } }),
  })
}

export async function updateShot({ id, version, ...input }: z.infer<typeof shotUpdateSchema>, editor: SignedInEditor) {
  return updateAudited(SHOTS, {
    record: { id, version },
    editor,
    verb: 'update',
    checks: checks(input),
    write: (tx, where) => tx.shot.updateMany({ where, data: { ...input, version: { increment: 1 } } }),
  })
}

export async function deleteShot(record: VersionedRecord, editor: SignedInEditor) {
  return deleteAudited(SHOTS, { record, editor, remove: (tx, where) => tx.shot.deleteMany({ where }) })
}
