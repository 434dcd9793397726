import 'server-only'
// The one way editors' writes to idols, shots, socials and products go: a save names the version
// it started from and is refused (changing nothing) when someone saved since; a delete removes the
// record's likes and comments with it; every change writes an audit event with a short summary of
// the record before and after. Entity modules supply how to read, write and check one record.
import { isConstraintError, prisma, type Prisma, type PrismaClient } from '@/lib/db/client'
import type { SignedInEditor } from '@/lib/auth/sessions'
import { mediaExists } from './media'

type Tx = Prisma.TransactionClient
/** The client or a transaction: reads work on either. */
export type Db = Tx | PrismaClient

export type Summary = Record<string, string | number | boolean | null>
export type FieldErrors = Record<string, string>
/** The stored version a refused save is shown, to compare with what the editor typed. */
export type ConflictView = { version: number; updatedAt: string; values: Summary }
export type VersionedRecord = { id: string; version: number }

/** A record as a write sees it: its version, its audit summary and the slugs of the pages that show it. */
export type Stored<Refs> = { version: number; updatedAt: Date; summary: Summary; refs: Refs }

export type EntityWriter<Refs> = {
  entity: 'Idol' | 'Shot' | 'Social' | 'Product'
  read: (db: Db, id: string) => Promise<Stored<Refs> | null>
  /** Reactions point at records without a foreign key, so deleting a record deletes them here. */
  targetType?: 'IDOL' | 'SHOT' | 'SOCIAL'
  /** The unique field and its message, for a save that loses the race to another one. */
  unique?: { field: string; message: string }
}

export type Refused =
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'conflict'; current: ConflictView }
  | { ok: false; reason: 'invalid'; fields: FieldErrors }
export type SaveOutcome<Refs> = { ok: true; id: string; version: number; before: Refs | null; after: Refs } | Refused
export type DeleteOutcome<Refs> =
  | { ok: true; refs: Refs }
  | { ok: false; reason: 'missing' | 'conflict' }
  | { ok: false; reason: 'blocked'; message: string }

const missing = { ok: false as const, reason: 'missing' as const }
const invalid = (fields: FieldErrors) => ({ ok: false as const, reason: 'invalid' as const, fields })
const conflict = (stored: Stored<unknown>) => ({
  ok: false as const,
  reason: 'conflict' as const,
  current: { version: stored.version, updatedAt: stored.updatedAt.toISOString(), values: stored.summary },
})

/** Texts are cut in summaries: the audit log records what changed, not whole bios. */
export function short(text: string, length = 80): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}

async function audit(
  tx: Tx,
  editor: SignedInEditor,
  writer: EntityWriter<unknown>,
  action: string,
  entityId: string,
  before?: Summary,
  after?: Summary,
) {
  await tx.auditEvent.create({
    data: {
      editorId: editor.id,
      action: `${writer.entity.toLowerCase()}.${action}`,
      entityType: writer.entity,
      entityId,
      before,
      after,
    },
  })
}

/** A chosen record deleted, or a unique value taken, between the checks and the write. */
async function raced<T>(writer: EntityWriter<unknown>, write: () => Promise<T>): Promise<T | Refused> {
  try {
    return await write()
  } catch (error) {
    if (isConstraintError(error, 'P2002') && writer.unique)
      return invalid({ [writer.unique.field]: writer.unique.message })
    if (isConstraintError(error, 'P2003'))
      return invalid({ form: 'Something you chose was deleted meanwhile. Nothing was saved: please choose again.' })
    throw error
  }
}

/**
 * Checks run before the transaction, on the shared client: the embedded database serves one
 * transaction at a time, so a read on another connection inside one would wait for ever.
 * Constraints still hold the line if something changes in between (see `raced`).
 */
export async function createAudited<Refs>(
  writer: EntityWriter<Refs>,
  checks: () => Promise<FieldErrors>,
  create: (tx: Tx) => Promise<{ id: string }>,
  editor: SignedInEditor,
): Promise<SaveOutcome<Refs>> {
  const fields = await checks()
  if (Object.keys(fields).length) return invalid(fields)
  return raced(writer, () =>
    prisma().$transaction(async (tx) => {
      const { id } = await create(tx)
      const after = (await writer.read(tx, id))!
      await audit(tx, editor, writer, 'create', id, undefined, after.summary)
      return { ok: true as const, id, version: after.version, before: null, after: after.refs }
    }),
  )
}

/** Saves when `version` is still the stored one; otherwise reports the stored version, changing nothing. */
export async function updateAudited<Refs>(
  writer: EntityWriter<Refs>,
  record: VersionedRecord,
  checks: () => Promise<FieldErrors>,
  write: (tx: Tx, where: VersionedRecord) => Promise<{ count: number }>,
  editor: SignedInEditor,
): Promise<SaveOutcome<Refs>> {
  const before = await writer.read(prisma(), record.id)
  if (!before) return missing
  if (before.version !== record.version) return conflict(before)
  const fields = await checks()
  if (Object.keys(fields).length) return invalid(fields)
  return raced(writer, () =>
    prisma().$transaction(async (tx) => {
      // Matching on the version makes a save that lost the race since the read above change nothing.
      const { count } = await write(tx, { id: record.id, version: record.version })
      const after = await writer.read(tx, record.id)
      if (!after) return missing
      if (count === 0) return conflict(after)
      await audit(tx, editor, writer, 'update', record.id, before.summary, after.summary)
      return { ok: true as const, id: record.id, version: after.version, before: before.refs, after: after.refs }
    }),
  )
}

/**
 * Deletes the record (only at the version the editor saw) with its likes and comments, all or
 * nothing; `blocker` names a reason to refuse instead (e.g. records that still depend on it).
 */
export async function deleteAudited<Refs>(
  writer: EntityWriter<Refs>,
  record: VersionedRecord,
  remove: (tx: Tx, where: VersionedRecord) => Promise<{ count: number }>,
  editor: SignedInEditor,
  blocker?: (tx: Tx) => Promise<string | null>,
): Promise<DeleteOutcome<Refs>> {
  const removing = prisma().$transaction(async (tx) => {
    const before = await writer.read(tx, record.id)
    if (!before) return missing
    const blocked = await blocker?.(tx)
    if (blocked) return { ok: false as const, reason: 'blocked' as const, message: blocked }
    if ((await remove(tx, { id: record.id, version: record.version })).count === 0)
      return { ok: false as const, reason: 'conflict' as const }
    if (writer.targetType) {
      const reactions = { targetType: writer.targetType, targetId: record.id }
      await tx.like.deleteMany({ where: reactions })
      await tx.comment.deleteMany({ where: reactions })
    }
    await audit(tx, editor, writer, 'delete', record.id, before.summary)
    return { ok: true as const, refs: before.refs }
  })
  try {
    return await removing
  } catch (error) {
    // A foreign key that appeared after the blocker looked (e.g. a new outfit for this idol).
    if (isConstraintError(error, 'P2003'))
      return {
        ok: false,
        reason: 'blocked',
        message: 'Something was linked to it meanwhile. Nothing was deleted: reload and try again.',
      }
    throw error
  }
}

type Choice = { field: string; id: string | null }

/** What an editor is told when something they chose was deleted meanwhile. */
export const CHOICE_GONE = {
  media: 'That image is no longer in the library: choose another.',
  idol: 'That idol no longer exists: choose another.',
  outfit: 'That outfit no longer exists: choose another.',
} as const

/** Field errors for chosen images, idols and outfits that are not (or no longer) stored. */
export async function missingChoices({
  media = [],
  idols = [],
  outfits = [],
}: {
  media?: Choice[]
  idols?: Choice[]
  outfits?: Choice[]
}): Promise<FieldErrors> {
  const fields: FieldErrors = {}
  for (const { field, id } of media) if (id && !(await mediaExists(id))) fields[field] = CHOICE_GONE.media
  for (const { field, id } of idols)
    if (id && (await prisma().idol.count({ where: { id } })) === 0) fields[field] = CHOICE_GONE.idol
  for (const { field, id } of outfits)
    if (id && (await prisma().outfit.count({ where: { id } })) === 0) fields[field] = CHOICE_GONE.outfit
  return fields
}
