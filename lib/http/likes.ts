// POST /api/likes { type, slug, liked }: the visitor's like, set or taken back. One function for
// both doors: the route handler (app/api/likes, on Vercel and in `next dev`) and the production
// server's fast path (lib/server/live-routes.ts), so both validate and answer alike.
import { z } from 'zod'
import { setLike, targetSchema } from '@/lib/data/reactions'
import { refusedByVisitorLimits } from './rate-limit'
import { fieldErrors } from './responses'
import { newVisitorId, type VisitorAnswer } from './visitor'

const likeSchema = targetSchema.extend({ liked: z.boolean({ message: 'liked must be true or false' }) })

/** The address's limit is generous: a mobile carrier's NAT puts many shoppers behind one address. */
const LIMITS = { perVisitor: 120, perAddress: 600 }

/** `json` is the parsed body, or null when it was not JSON; `ip` the client's address. */
export async function answerLike(json: unknown, existingVisitor: string | null, ip: string): Promise<VisitorAnswer> {
  const parsed = likeSchema.safeParse(json)
  if (!parsed.success)
    return {
      status: 400,
      body: {
        error: 'Send JSON like {"type":"outfit","slug":"…","liked":true}.',
        fields: fieldErrors(parsed.error.issues),
      },
    }
  const visitorId = existingVisitor ?? newVisitorId()
  const refused = await refusedByVisitorLimits(
    'like',
    LIMITS,
    visitorId,
    ip,
    'Too many likes at once: try again in a few minutes.',
  )
  if (refused) return refused
  const state = await setLike(parsed.data, visitorId, parsed.data.liked)
  if (!state) return { status: 404, body: { error: `No public ${parsed.data.type} "${parsed.data.slug}".` } }
  const { type, slug } = parsed.data
  return { status: 200, body: state, changed: { type, slug }, ...(existingVisitor ? {} : { newVisitor: visitorId }) }
}
