import 'server-only'
// Moderation: approve (publish), hide or delete comments in bulk, each change audited.
import { z } from 'zod'
import { prisma } from '@/lib/db/client'
import type { SignedInEditor } from '@/lib/auth/sessions'

export type ModerationComment = {
  id: string
  authorName: string
  body: string
  status: 'PUBLISHED' | 'PENDING' | 'HIDDEN'
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
    createdAt: row.createdAt.toISOString(),
    targetType: row.targetType.toLowerCase(),
    target: outfits.get(row.targetId) ?? row.targetId,
  }))
}

export const moderationSchema = z.object({
  ids: z.array(z.string().min(1)).min(1, 'Select at least one comment.').max(200),
  decision: z.enum(['approve', 'hide', 'delete'], { message: 'Choose approve, hide or delete.' }),
})

/** Applies one decision to many comments in one transaction; returns how many changed. */
export async function moderateComments(
  input: z.infer<typeof moderationSchema>,
  editor: SignedInEditor,
): Promise<number> {
  return prisma().$transaction(async (tx) => {
    const targets = await tx.comment.findMany({ where: { id: { in: input.ids } }, select: { id: true, status: true } })
    if (input.decision === 'delete') await tx.comment.deleteMany({ where: { id: { in: targets.map((t) => t.id) } } })
    else
      await tx.comment.updateMany({
        where: { id: { in: targets.map((t) => t.id) } },
        data: { status: input.decision === 'approve' ? 'PUBLISHED' : 'HIDDEN', version: { increment: 1 } },
      })
    await tx.auditEvent.createMany({
      data: targets.map((target) => ({
        editorId: editor.id,
        action: `comment.${input.decision}`,
        entityType: 'Comment',
        entityId: target.id,
        before: { status: target.status },
        after:
          input.decision === 'delete'
            ? { deleted: true }
            : { status: input.decision === 'approve' ? 'PUBLISHED' : 'HIDDEN' },
      })),
    })
    return targets.length
  })
}
