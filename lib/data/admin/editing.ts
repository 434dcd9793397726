import 'server-only'
// The one way editors' writes go, for every kind of record (outfits, idols, shots, socials,
// products, media, comments, editors): a change names the version it started from and is refused,
// changing nothing, when someone saved since; the change and its audit event (a short summary of
// the record before and after) commit in one transaction; a refusal has one shape whatever the
// record. Entity modules supply an EntityWriter: how to read one record as the log and the
// conflict box show it.
import { isConstraintError, prisma, type Prisma, type PrismaClient } from '@/lib/db/client'
import type { SignedInEditor } from './sessions'
import { auditAction, type AuditedEntity, type AuditVerb } from './audit-actions'

export type Tx = Prisma.TransactionClient
/** The client or a transaction: reads work on either. */
export type Db = Tx | PrismaClient

export type Summary = Record<string, string | number | boolean | null | string[]>
export type FieldErrors = Record<string, string>
/** The stored version a refused change is shown, to compare with what the editor typed. */
export type ConflictView = { id: string; version: number; updatedAt: string; values: Summary }
export type VersionedRecord = { id: string; version: number }
/** Who made a change: the signed-in editor (only the id is recorded). */
export type Actor = Pick<SignedInEditor, 'id'>

/** A record as a write sees it: its version, its audit summary and what the caller needs after (e.g. slugs). */
export type Stored<Refs> = { version: number; updatedAt: Date; summary: Summary; refs: Refs }

export type EntityWriter<E extends AuditedEntity, Refs> = {
  entity: E
  read: (db: Db, id: string) => Promise<Stored<Refs> | null>
  /** Reactions point at records without a foreign key, so deleting a record deletes them here. */
  targetType?: 'IDOL' | 'SHOT' | 'SOCIAL' | 'OUTFIT'
  /** The unique field and its message, for a save that loses the race to another one. */
  unique?: { field: string; message: string }
}

export type Refused =
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'conflict'; current: ConflictView }
  | { ok: false; reason: 'invalid'; fields: FieldErrors }
  | { ok: false; reason: 'blocked'; message: string }
export type SaveOutcome<Refs> =
  { ok: true; id: string; version: number; before: Refs | null; after: Refs; note?: Summary } | Refused
export type DeleteOutcome<Refs> = { ok: true; refs: Refs } | Exclude<Refused, { reason: 'invalid' }>
export type ManyOutcome = { ok: true; count: number } | Exclude<Refused, { reason: 'invalid' }>

/** What a write reports: rows changed (0 when the version moved on) and facts the audit event adds. */
export type Written = { count: number; note?: Summary }

const missing = { ok: false as const, reason: 'missing' as const }
const invalid = (fields: FieldErrors) => ({ ok: false as const, reason: 'invalid' as const, fields })
const blocked = (message: string) => ({ ok: false as const, reason: 'blocked' as const, message })
const conflict = (id: string, stored: Stored<unknown>) => ({
  ok: false as const,
  reason: 'conflict' as const,
  current: { id, version: stored.version, updatedAt: stored.updatedAt.toISOString(), values: stored.summary },
})

/** Texts are cut in summaries: the audit log records what changed, not whole bios. */
export function short(text: string, length = 80): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}

/** Records one event; inside the transaction of the change it describes, so neither exists without the other. */
export async function recordAudit<E extends AuditedEntity>(
  tx: Db,
  event: { actor: Actor; entity: E; verb: AuditVerb<E>; entityId: string; before?: Summary; after?: Summary },
) {
  await tx.auditEvent.create({
    data: {
      editorId: event.actor.id,
      action: auditAction(event.entity, event.verb),
      entityType: event.entity,
      entityId: event.entityId,
      before: event.before,
      after: event.after,
    },
  })
}

/** A chosen record deleted, or a unique value taken, between the checks and the write. */
async function raced<T>(writer: EntityWriter<AuditedEntity, unknown>, write: () => Promise<T>): Promise<T | Refused> {
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

async function fieldErrorsOf(checks?: () => Promise<FieldErrors>): Promise<FieldErrors | null> {
  const fields = (await checks?.()) ?? {}
  return Object.keys(fields).length ? fields : null
}

// Checks run before the transaction, on the shared client: the embedded database serves one
// transaction at a time, so a read on another connection inside one would wait for ever.
// Constraints still hold the line if something changes in between (see `raced`).

export async function createAudited<E extends AuditedEntity, Refs>(
  writer: EntityWriter<E, Refs>,
  spec: {
    editor: Actor
    verb: AuditVerb<E>
    checks?: () => Promise<FieldErrors>
    create: (tx: Tx) => Promise<{ id: string }>
  },
): Promise<SaveOutcome<Refs>> {
  const fields = await fieldErrorsOf(spec.checks)
  if (fields) return invalid(fields)
  return raced(writer, () =>
    prisma().$transaction(async (tx) => {
      const { id } = await spec.create(tx)
      const after = (await writer.read(tx, id))!
      await recordAudit(tx, {
        actor: spec.editor,
        entity: writer.entity,
        verb: spec.verb,
        entityId: id,
        after: after.summary,
      })
      return { ok: true as const, id, version: after.version, before: null, after: after.refs }
    }),
  )
}

type Change<E extends AuditedEntity, Refs> = {
  record: VersionedRecord
  editor: Actor
  verb: AuditVerb<E>
  /** A reason to refuse that must be decided inside the transaction (e.g. under a lock). */
  guard?: (tx: Tx, before: Stored<Refs>) => Promise<string | null>
  /** Writes where id and version still match (and bumps the version); 0 rows means someone saved since. */
  write: (tx: Tx, where: VersionedRecord) => Promise<Written>
}

async function changeInTransaction<E extends AuditedEntity, Refs>(
  tx: Tx,
  writer: EntityWriter<E, Refs>,
  change: Change<E, Refs>,
  before: Stored<Refs>,
): Promise<SaveOutcome<Refs>> {
  const { id } = change.record
  const refusal = await change.guard?.(tx, before)
  if (refusal) return blocked(refusal)
  const { count, note } = await change.write(tx, change.record)
  const after = await writer.read(tx, id)
  if (!after) return missing
  if (count === 0) return conflict(id, after)
  await recordAudit(tx, {
    actor: change.editor,
    entity: writer.entity,
    verb: change.verb,
    entityId: id,
    before: before.summary,
    after: { ...after.summary, ...note },
  })
  const saved = { ok: true as const, id, version: after.version, before: before.refs, after: after.refs }
  return note ? { ...saved, note } : saved
}

/** Saves when the record's version is still the stored one; otherwise reports the stored version, changing nothing. */
export async function updateAudited<E extends AuditedEntity, Refs>(
  writer: EntityWriter<E, Refs>,
  spec: Change<E, Refs> & { checks?: () => Promise<FieldErrors> },
): Promise<SaveOutcome<Refs>> {
  const before = await writer.read(prisma(), spec.record.id)
  if (!before) return missing
  if (before.version !== spec.record.version) return conflict(spec.record.id, before)
  const fields = await fieldErrorsOf(spec.checks)
  if (fields) return invalid(fields)
  return raced(writer, () => prisma().$transaction((tx) => changeInTransaction(tx, writer, spec, before)))
}

type Removal = {
  record: VersionedRecord
  editor: Actor
  /** Deletes where id and version still match. */
  remove: (tx: Tx, where: VersionedRecord) => Promise<{ count: number }>
  /** A reason to refuse instead (e.g. records that still depend on this one). */
  blocker?: (tx: Tx) => Promise<string | null>
}

async function deleteInTransaction<E extends AuditedEntity, Refs>(
  tx: Tx,
  writer: EntityWriter<E, Refs>,
  removal: Removal,
): Promise<DeleteOutcome<Refs>> {
  const { id } = removal.record
  const before = await writer.read(tx, id)
  if (!before) return missing
  if (before.version !== removal.record.version) return conflict(id, before)
  const refusal = await removal.blocker?.(tx)
  if (refusal) return blocked(refusal)
  if ((await removal.remove(tx, removal.record)).count === 0) return conflict(id, (await writer.read(tx, id)) ?? before)
  if (writer.targetType) {
    const reactions = { targetType: writer.targetType, targetId: id }
    await tx.like.deleteMany({ where: reactions })
    await tx.comment.deleteMany({ where: reactions })
  }
  await recordAudit(tx, {
    actor: removal.editor,
    entity: writer.entity,
    verb: 'delete' as AuditVerb<E>,
    entityId: id,
    before: before.summary,
  })
  return { ok: true as const, refs: before.refs }
}

// A foreign key that appeared after the blocker looked (e.g. a new outfit for this idol).
const LINKED_MEANWHILE = 'Something was linked to it meanwhile. Nothing was deleted: reload and try again.'

/** Deletes the record (only at the version the editor saw) with its likes and comments, all or nothing. */
export async function deleteAudited<E extends AuditedEntity & keyof DeletableVerbs, Refs>(
  writer: EntityWriter<E, Refs>,
  removal: Removal,
): Promise<DeleteOutcome<Refs>> {
  try {
    return await prisma().$transaction((tx) => deleteInTransaction(tx, writer, removal))
  } catch (error) {
    if (isConstraintError(error, 'P2003')) return blocked(LINKED_MEANWHILE)
    throw error
  }
}
type DeletableVerbs = { [E in AuditedEntity as 'delete' extends AuditVerb<E> ? E : never]: true }

/** Thrown inside a transaction to roll back every change in it and answer with the refusal. */
class Refusal extends Error {
  constructor(readonly outcome: Exclude<Refused, { reason: 'invalid' }>) {
    super(outcome.reason)
  }
}

/** Runs one step per record in one transaction: all of them change, or (on any refusal) none. */
async function allOrNothing<T>(
  records: VersionedRecord[],
  step: (tx: Tx, record: VersionedRecord) => Promise<{ ok: true } | T>,
): Promise<ManyOutcome> {
  try {
    return await prisma().$transaction(async (tx) => {
      for (const record of records) {
        const outcome = await step(tx, record)
        if (!(outcome as { ok: boolean }).ok) throw new Refusal(outcome as Exclude<Refused, { reason: 'invalid' }>)
      }
      return { ok: true as const, count: records.length }
    })
  } catch (error) {
    if (error instanceof Refusal) return error.outcome
    if (isConstraintError(error, 'P2003')) return blocked(LINKED_MEANWHILE)
    throw error
  }
}

/** The same change to many records, each at the version the editor saw: all of them, or none. */
export function updateManyAudited<E extends AuditedEntity, Refs>(
  writer: EntityWriter<E, Refs>,
  spec: Omit<Change<E, Refs>, 'record'> & { records: VersionedRecord[] },
): Promise<ManyOutcome> {
  return allOrNothing(spec.records, async (tx, record) => {
    const before = await writer.read(tx, record.id)
    if (!before) return missing
    if (before.version !== record.version) return conflict(record.id, before)
    return changeInTransaction(tx, writer, { ...spec, record }, before)
  })
}

/** Deletes many records, each at the version the editor saw: all of them, or none. */
export function deleteManyAudited<E extends AuditedEntity & keyof DeletableVerbs, Refs>(
  writer: EntityWriter<E, Refs>,
  spec: Omit<Removal, 'record'> & { records: VersionedRecord[] },
): Promise<ManyOutcome> {
  return allOrNothing(spec.records, (tx, record) => deleteInTransaction(tx, writer, { ...spec, record }))
}
