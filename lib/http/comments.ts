// POST /api/comments { type, slug, authorName, body }: a visitor's comment, published at once or
// held for review (COMMENTS_HELD_FOR_REVIEW). One function for both doors, as for likes
// (./likes.ts): the route handler (Vercel, `next dev`) and the production server's fast path.
import { addComment, commentInputSchema } from '@/lib/data/reactions'
import { refusedByVisitorLimits } from './rate-limit'
import { fieldErrors } from './responses'
import { newVisitorId, type VisitorAnswer } from './visitor'

/** Ten minutes' worth, per visitor and per address (a visitor who drops the cookie is still one address). */
const LIMITS = { perVisitor: 5, perAddress: 20 }

/** `json` is the parsed body, or null when it was not JSON; `ip` the client's address. */
export async function answerComment(json: unknown, existingVisitor: string | null, ip: string): Promise<VisitorAnswer> {
  const parsed = commentInputSchema.safeParse(json)
  if (!parsed.success)
    return {
      status: 400,
      body: { error: 'Please check the highlighted fields.', fields: fieldErrors(parsed.error.issues) },
    }
  const visitorId = existingVisitor ?? newVisitorId()
  const refused = await refusedByVisitorLimits(
    'comment',
    LIMITS,
    visitorId,
    ip,
    'You are commenting very fast: please wait a few minutes.',
  )
  if (refused) return refused
  const added = await addComment(parsed.data, visitorId, ip)
  if (!added) return { status: 404, body: { error: `No public ${parsed.data.type} "${parsed.data.slug}".` } }
  // One held for review changes nothing anyone else sees.
  const changed = added.status === 'published' ? { type: parsed.data.type, slug: parsed.data.slug } : undefined
  return { status: 201, body: added, changed, ...(existingVisitor ? {} : { newVisitor: visitorId }) }
}
