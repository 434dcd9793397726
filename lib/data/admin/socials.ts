import 'server-only'
// Editors' view of social posts: curated links to posts about the campaign, shown on the wall and
// on their idol's page once approved. Writes go through ./editing.ts.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import type { SocialNetwork } from '@/lib/db/generated/enums'
import type { SignedInEditor } from './sessions'
import { listMediaChoices } from './media'
import { listIdolChoices } from './idols'
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
import { dateTimeField, identity, optionalChoice, textField } from './fields'

export const SOCIAL_NETWORKS = [
  'INSTAGRAM',
  'TIKTOK',
  'FACEBOOK',
  'X',
  'YOUTUBE',
] as const satisfies readonly SocialNetwork[]
export const NETWORK_NAMES: Record<SocialNetwork, string> = {
  INSTAGRAM: 'Instagram',
  TIKTOK: 'TikTok',
  FACEBOOK: 'Facebook',
  X: 'X',
  YOUTUBE: 'YouTube',
}

/** What the post form offers: networks, images (with the current one) and idols. */
export async function getSocialFormChoices(currentMediaId: string | null) {
  const [images, idols] = await Promise.all([listMediaChoices(currentMediaId), listIdolChoices()])
  return { networks: SOCIAL_NETWORKS.map((network) => ({ id: network, name: NETWORK_NAMES[network] })), images, idols }
}

export type AdminSocialRow = {
  id: string
  network: SocialNetwork
  author: string
  text: string
  url: string
  idolName: string | null
  postedAt: string
  approved: boolean
}

/** Posts waiting for approval first, then the newest. */
export async function listSocialsForEditors(): Promise<AdminSocialRow[]> {
  const rows = await prisma().social.findMany({
    orderBy: [{ approved: 'asc' }, { postedAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      network: true,
      author: true,
      text: true,
      url: true,
      postedAt: true,
      approved: true,
      idol: { select: { name: true } },
    },
  })
  return rows.map(({ idol, postedAt, ...row }) => ({
    ...row,
    idolName: idol?.name ?? null,
    postedAt: postedAt.toISOString(),
  }))
}

const httpsUrl = z
  .string()
  .trim()
  .min(1, 'Paste the address of the post.')
  .max(500, 'Addresses are at most 500 characters.')
  .refine(
    (value) => URL.canParse(value) && new URL(value).protocol === 'https:',
    'Use the post’s full https:// address.',
  )

export const socialSchema = z.object({
  network: z.enum(SOCIAL_NETWORKS, { message: 'Choose the network.' }),
  url: httpsUrl,
  author: textField(80, 'Authors are at most 80 characters.', { min: 1, required: 'Say who posted it.' }),
  text: textField(2000, 'Texts are at most 2000 characters.'),
  mediaId: optionalChoice,
  postedAt: dateTimeField,
  idolId: optionalChoice,
  approved: z.boolean(),
})
export const socialUpdateSchema = socialSchema.extend(identity)
export type SocialFields = z.infer<typeof socialSchema>

export type EditableSocial = Omit<SocialFields, 'postedAt'> & { id: string; version: number; postedAt: string }

export async function getSocialForEditing(id: string): Promise<EditableSocial | null> {
  const row = await prisma().social.findUnique({
    where: { id },
    select: {
      id: true,
      version: true,
      network: true,
      url: true,
      author: true,
      text: true,
      mediaId: true,
      postedAt: true,
      idolId: true,
      approved: true,
    },
  })
  return row && { ...row, postedAt: row.postedAt.toISOString() }
}

type SocialRefs = { idolSlug: string | null }

const SOCIALS: EntityWriter<'Social', SocialRefs> = {
  entity: 'Social',
  targetType: 'SOCIAL',
  unique: { field: 'url', message: 'This post is already on the wall: another entry has the same address.' },
  async read(db: Db, id: string) {
    const row = await db.social.findUnique({
      where: { id },
      select: {
        network: true,
        url: true,
        author: true,
        text: true,
        mediaId: true,
        postedAt: true,
        approved: true,
        version: true,
        updatedAt: true,
        idol: { select: { slug: true } },
      },
    })
    if (!row) return null
    const idolSlug = row.idol?.slug ?? null
    const summary = {
      network: row.network,
      url: row.url,
      author: row.author,
      text: short(row.text),
      image: row.mediaId,
      postedAt: row.postedAt.toISOString(),
      idol: idolSlug,
      approved: row.approved,
    }
    return { version: row.version, updatedAt: row.updatedAt, summary, refs: { idolSlug } }
  },
}

function checks(input: SocialFields, id?: string) {
  return async (): Promise<FieldErrors> => {
    const fields = await missingChoices({
      media: [{ field: 'mediaId', id: input.mediaId }],
      idols: [{ field: 'idolId', id: input.idolId }],
    })
    if (await prisma().social.count({ where: { url: input.url, id: id ? { not: id } : undefined } }))
      fields.url = SOCIALS.unique!.message
    return fields
  }
}

export async function createSocial(input: SocialFields, editor: SignedInEditor) {
  return createAudited(SOCIALS, {
    editor,
    verb: 'create',
    checks: checks(input),
    create: (tx) => tx.social.create({ data: input, select: { id: true } }),
  })
}

export async function updateSocial(
  { id, version, ...input }: z.infer<typeof socialUpdateSchema>,
  editor: SignedInEditor,
) {
  return updateAudited(SOCIALS, {
    record: { id, version },
    editor,
    verb: 'update',
    checks: checks(input, id),
    write: (tx, where) => tx.social.updateMany({ where, data: { ...input, version: { increment: 1 } } }),
  })
}

export async function deleteSocial(record: VersionedRecord, editor: SignedInEditor) {
  return deleteAudited(SOCIALS, { record, editor, remove: (tx, where) => tx.social.deleteMany({ where }) })
}
