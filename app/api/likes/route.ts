// Likes: GET /api/likes?type=outfit&slug=… → { count, liked }; POST { type, slug, liked } sets
// this visitor's like (one per visitor and item; liked:false takes it back). Never cached.
import type { NextRequest } from 'next/server'
import { getLikeState, targetSchema } from '@/lib/data/reactions'
import { answerLike } from '@/lib/http/likes'
import { fieldErrors, jsonError, NO_STORE, readJson, withOutageAnswer } from '@/lib/http/responses'
import { clientAddress } from '@/lib/http/client-address'
import { visitorAnswerHeaders, visitorIdOf } from '@/lib/http/visitor'

export const dynamic = 'force-dynamic'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  const parsed = targetSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams))
  if (!parsed.success) return jsonError(400, 'Invalid like target.', { fields: fieldErrors(parsed.error.issues) })
  const state = await getLikeState(parsed.data, visitorIdOf(request))
  if (!state) return jsonError(404, `No public ${parsed.data.type} "${parsed.data.slug}".`)
  return Response.json(state, { headers: NO_STORE })
})

// The production server answers this POST itself, before Next (lib/server/live-routes.ts); this
// handler serves it where that server does not run (Vercel, `next dev`).
export const POST = withOutageAnswer(async (request: NextRequest) => {
  const answer = await answerLike(await readJson(request), visitorIdOf(request), clientAddress(request.headers))
  return Response.json(answer.body, { status: answer.status, headers: visitorAnswerHeaders(answer) })
})
