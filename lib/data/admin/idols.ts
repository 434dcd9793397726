import 'server-only'
// Editors' view of idols: hidden ones included; saves, creations and deletions go through
// ./editing.ts (version check, audit). An idol who still wears outfits cannot be deleted.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
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
import { firstFreeSlug, slugify } from '@/lib/slug'
import { identity, optionalChoice, positionField, slugField, textField } from './fields'

export type AdminIdolRow = {
  id: string
  slug: string
  name: string
  published: boolean
  position: number
  outfits: number
  shots: number
  socials: number
}

export async function listIdolsForEditors(): Promise<AdminIdolRow[]> {
  const rows = await prisma().idol.findMany({
    orderBy: [{ position: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      slug: true,
      name: true,
      published: true,
      position: true,
      _count: { select: { outfits: true, shots: true, socials: true } },
    },
  })
  return rows.map(({ _count, ...row }) => ({ ...row, ..._count }))
}

const handleField = (network: string) =>
  z
    .string()
    .trim()
    .transform((value) => value.replace(/^@/, ''))
    .pipe(
      z
        .string()
        .max(50, 'Handles are at most 50 characters.')
        .regex(
          /^[A-Za-z0-9._]*$/,
          `Only the ${network} handle: letters, digits, dots and underscores, without the address.`,
        ),
    )
    .transform((value) => value || null)

export const idolSchema = z.object({
  slug: slugField,
  name: textField(80, 'Names are at most 80 characters.', {
    min: 2,
    required: 'Give the idol a name (2–80 characters).',
  }),
  bio: textField(2000, 'Bios are at most 2000 characters.'),
  portraitId: optionalChoice,
  instagram: handleField('Instagram'),
  tiktok: handleField('TikTok'),
  facebook: handleField('Facebook'),
  position: positionField,
  published: z.boolean(),
})
export const idolUpdateSchema = idolSchema.extend(identity)
/** A new idol's slug may be left empty: it is made from the name. */
export const idolCreateSchema = idolSchema.extend({ slug: z.literal('').or(slugField) })
export type IdolFields = z.infer<typeof idolSchema>

export type EditableIdol = Omit<IdolFields, 'portraitId'> & {
  id: string
  version: number
  portraitId: string | null
  outfits: number
  shots: number
  socials: number
}

export async function getIdolForEditing(id: string): Promise<EditableIdol | null> {
  const row = await prisma().idol.findUnique({
    where: { id },
    select: {
      id: true,
      version: true,
      slug: true,
      name: true,
      bio: true,
      portraitId: true,
      instagram: true,
      tiktok: true,
      facebook: true,
      position: true,
      published: true,
      _count: { select: { outfits: true, shots: true, socials: true } },
    },
  })
  if (!row) return null
  const { _count, ...idol } = row
  return { ...idol, ..._count }
}

/** Idols to choose from in outfit and shot forms, hidden ones included. */
export async function listIdolChoices(): Promise<{ id: string; name: string }[]> {
  return prisma().idol.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } })
}

type IdolRefs = { slug: string }

const IDOLS: EntityWriter<'Idol', IdolRefs> = {
  entity: 'Idol',
  targetType: 'IDOL',
  unique: { field: 'slug', message: 'Another idol already has this slug: choose another.' },
  async read(db: Db, id: string) {
    const row = await db.idol.findUnique({
      where: { id },
      select: {
        slug: true,
        name: true,
        bio: true,
        portraitId: true,
        position: true,
        published: true,
        version: true,
        updatedAt: true,
      },
    })
    if (!row) return null
    const summary = {
      name: row.name,
      slug: row.slug,
      bio: short(row.bio),
      portrait: row.portraitId,
      position: row.position,
      published: row.published,
    }
    return { version: row.version, updatedAt: row.updatedAt, summary, refs: { slug: row.slug } }
  },
}

function checks(input: IdolFields, id?: string) {
  return async (): Promise<FieldErrors> => {
    const fields = await missingChoices({ media: [{ field: 'portraitId', id: input.portraitId }] })
    if (await prisma().idol.count({ where: { slug: input.slug, id: id ? { not: id } : undefined } }))
      fields.slug = IDOLS.unique!.message
    return fields
  }
}

export async function createIdol(input: z.infer<typeof idolCreateSchema>, editor: SignedInEditor) {
  const slug = input.slug || (await freeIdolSlug(input.name))
  const fields = { ...input, slug }
  return createAudited(IDOLS, {
    editor,
    verb: 'create',
    checks: checks(fields),
    create: (tx) => tx.idol.create({ data: fields, select: { id: true } }),
  })
}

async function freeIdolSlug(name: string): Promise<string> {
  const base = slugify(name, 'idol')
  return firstFreeSlug(
    base,
    new Set(
      (await prisma().idol.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map(
        (row) => row.slug,
      ),
    ),
  )
}

export async function updateIdol({ id, version, ...input }: z.infer<typeof idolUpdateSchema>, editor: SignedInEditor) {
  return updateAudited(IDOLS, {
    record: { id, version },
    editor,
    verb: 'update',
    checks: checks(input, id),
    write: (tx, where) => tx.idol.updateMany({ where, data: { ...input, version: { increment: 1 } } }),
  })
}

/** Refused while outfits name the idol (they must go first); its shots and posts just lose the link. */
export async function deleteIdol(record: VersionedRecord, editor: SignedInEditor) {
  return deleteAudited(IDOLS, {
    record,
    editor,
    remove: (tx, where) => tx.idol.deleteMany({ where }),
    async blocker(tx) {
      const outfits = await tx.outfit.count({ where: { idolId: record.id } })
      if (outfits === 0) return null
      const count = outfits === 1 ? '1 outfit' : `${outfits} outfits`
      return `This idol still wears ${count}. Nothing was deleted: delete ${outfits === 1 ? 'that outfit' : 'those outfits'} first, or unpublish the idol to hide everything.`
    },
  })
}
