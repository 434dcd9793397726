// GET /api/reactions/:type/:slug → { likes, comments }: what every visitor sees of a record's
// reactions, one shared answer for all. It carries no visitor state (their own likes and pending
// comments live in their browser), so the front cache and a CDN keep it for a few seconds and a
// page view costs no database read (decision 034). A like or comment on this server forgets its
// copy at once (lib/server/live-routes.ts); an editor's moderation expires its tag everywhere.
import { TAGS } from '@/lib/cache/tags'
import { getPublicReactions, targetSchema } from '@/lib/data/reactions'
import { fieldErrors, jsonError, publicCache, withOutageAnswer } from '@/lib/http/responses'

// Read on every request that reaches Next: the shared caches in front keep it, not Next's.
export const dynamic = 'force-dynamic'

type Params = { params: Promise<{ type: string; slug: string }> }

export const GET = withOutageAnswer(async (_request: Request, { params }: Params) => {
  const parsed = targetSchema.safeParse(await params)
  if (!parsed.success)
    return jsonError(400, 'Reactions belong to an outfit, product or idol.', {
      fields: fieldErrors(parsed.error.issues),
    })
  const { type, slug } = parsed.data
  const reactions = await getPublicReactions(parsed.data)
  if (!reactions) return jsonError(404, `No public ${type} "${slug}".`)
  // Cache-Tag names it for the front cache and a CDN, which purge by it.
  const tag = TAGS.reactions(type, slug)
  return Response.json(reactions, {
    headers: { ...publicCache('reactions'), 'Cache-Tag': tag, 'Surrogate-Key': tag },
  })
})
