import 'server-only'
// Admins' view of the legal pages: the text in Markdown, and every earlier text kept as a revision
// (what the site said on a given day can be shown). Saves go through ./editing.ts, audited.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import { isLegalPageId, LEGAL_PAGES, type LegalPageId } from '@/lib/data/legal'
import type { SignedInEditor } from './sessions'
import { short, updateAudited, type Db, type EntityWriter } from './editing'
import { identity, textField } from './fields'

export const MAX_LEGAL_TEXT = 60_000

export const legalPageSchema = z
  .object({
    title: textField(120, 'Titles are at most 120 characters.', { min: 1, required: 'Give the page a title.' }),
    body: textField(MAX_LEGAL_TEXT, `The text is at most ${MAX_LEGAL_TEXT} characters.`, {
      min: 1,
      required: 'Write the page: it cannot be empty.',
    }),
  })
  .extend(identity)

export type EditableLegalPage = {
  id: LegalPageId
  version: number
  title: string
  body: string
  revisions: { version: number; savedAt: string; editor: string | null; title: string }[]
}

export async function listLegalPagesForAdmins() {
  const rows = await prisma().legalPage.findMany({ select: { id: true, title: true, version: true, updatedAt: true } })
  return Object.keys(LEGAL_PAGES).flatMap((id) => {
    const row = rows.find((one) => one.id === id)
    return row ? [{ ...row, updatedAt: row.updatedAt.toISOString() }] : []
  })
}

export async function getLegalPageForEditing(id: string): Promise<EditableLegalPage | null> {
  if (!isLegalPageId(id)) return null
  const row = await prisma().legalPage.findUnique({
    where: { id },
    select: {
      version: true,
      title: true,
      body: true,
      revisions: {
        orderBy: { version: 'desc' },
        select: { version: true, savedAt: true, title: true, editor: { select: { email: true } } },
      },
    },
  })
  if (!row) return null
  return {
    id,
    version: row.version,
    title: row.title,
    body: row.body,
    revisions: row.revisions.map((revision) => ({
      version: revision.version,
      savedAt: revision.savedAt.toISOString(),
      title: revision.title,
      editor: revision.editor?.email ?? null,
    })),
  }
}

/** One earlier text, whole. */
export async function getLegalPageRevision(id: string, version: number) {
  if (!isLegalPageId(id)) return null
  return prisma().legalPageRevision.findUnique({
    where: { pageId_version: { pageId: id, version } },
    select: { version: true, title: true, body: true, savedAt: true, editor: { select: { email: true } } },
  })
}

const LEGAL: EntityWriter<'LegalPage', { id: string }> = {
  entity: 'LegalPage',
  async read(db: Db, id: string) {
    const row = await db.legalPage.findUnique({
      where: { id },
      select: { title: true, body: true, version: true, updatedAt: true },
    })
    if (!row) return null
    const summary = { title: row.title, body: short(row.body), length: row.body.length }
    return { version: row.version, updatedAt: row.updatedAt, summary, refs: { id } }
  },
}

/** Saves the new text and keeps it as the next revision, in one transaction with its audit event. */
export async function updateLegalPage(
  { id, version, title, body }: z.infer<typeof legalPageSchema>,
  editor: SignedInEditor,
) {
  if (!isLegalPageId(id)) return { ok: false as const, reason: 'missing' as const }
  return updateAudited(LEGAL, {
    record: { id, version },
    editor,
    verb: 'update',
    write: async (tx, where) => {
      const { count } = await tx.legalPage.updateMany({ where, data: { title, body, version: { increment: 1 } } })
      if (count === 1)
        await tx.legalPageRevision.create({
          data: { pageId: id, version: where.version + 1, title, body, editorId: editor.id },
        })
      return { count }
    },
  })
}
