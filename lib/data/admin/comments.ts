import 'server-only'
// Moderation: approve (publish), hide or delete comments in bulk, through ./editing.ts (version
// check, audit) like every editor write.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import type { SignedInEditor } from './sessions'
import { deleteManyAudited, short, updateManyAudited, type Db, type EntityWriter, type ManyOutcome } from './editing'

export type ModerationComment = {
  id: string
  authorName: string
  body: string
  status: 'PUBLISHED' | 'PENDING' | 'HIDDEN'
  version: number
  createdAt: string
  target: string
  targetType: string
}

export async function listCommentsForModeration(status?: ModerationComment['status']): Promise<ModerationComment[]> {
  const rows = await prisma().comment.findMany({
    where: status ? { status } : {},
    orderBy: { createdAt: 'desc' },
    take: 200,
  })
  const outfitIds = rows.filter((row) => row.targetType === 'OUTFIT').map((row) => row.targetId)
  const outfits = new Map(
    (await prisma().outfit.findMany({ where: { id: { in: outfitIds } }, select: { id: true, title: true } })).map(
      (o) => [o.id, o.title],
    ),
  )
  return rows.map((row) => ({
    id: row.id,
    authorName: row.authorName,
    body: row.body,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    targetType: row.targetType.toLowerCase(),
    target: outfits.get(row.targetId) ?? row.targetId,
  }))
}

/** A selected comment as the form posts it: `<id>:<version>`, the version the editor saw. */
const selectedComment = z
  .string()
  .regex(/^[\w-]{1,40}:\d{1,9}$/, 'Reload the page: the selection is out of date.')
  .transform((value) => {
    const [id, version] = value.split(':')
    return { id: id!, version: Number(version) }
  })

export const moderationSchema = z.object({
  comments: z.array(selectedComment).min(1, 'Select at least one comment.').max(200),
  decision: z.enum(['approve', 'hide', 'delete'], { message: 'Choose approve, hide or delete.' }),
})

const COMMENTS: EntityWriter<'Comment', null> = {
  entity: 'Comment',
  async read(db: Db, id: string) {
    const row = await db.comment.findUnique({
      where: { id },
      select: { authorName: true, body: true, status: true, version: true, updatedAt: true },
    })
    if (!row) return null
    const summary = { status: row.status, author: row.authorName, body: short(row.body) }
    return { version: row.version, updatedAt: row.updatedAt, summary, refs: null }
  },
}

/**
 * Applies one decision to the selected comments, each at the version the editor saw: all of them
 * change, or (when one was moderated or deleted meanwhile) none.
 */
export async function moderateComments(
  { comments, decision }: z.infer<typeof moderationSchema>,
  editor: SignedInEditor,
): Promise<ManyOutcome> {
  if (decision === 'delete')
    return deleteManyAudited(COMMENTS, {
      records: comments,
      editor,
      remove: (tx, where) => tx.comment.deleteMany({ where }),
    })
  const status = decision === 'approve' ? 'PUBLISHED' : 'HIDDEN'
  return updateManyAudited(COMMENTS, {
    records: comments,
    editor,
    verb: decision,
    write: (tx, where) => tx.comment.updateMany({ where, data: { status, version: { increment: 1 } } }),
  })
}
