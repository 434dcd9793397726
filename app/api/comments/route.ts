// Comments: GET /api/comments?type=outfit&slug=… lists published ones, newest first;
// POST { type, slug, authorName, body } adds one (published at once, or held for review when
// COMMENTS_HELD_FOR_REVIEW=true). Rate-limited per visitor and per address. Never cached.
import type { NextRequest } from 'next/server'
import { listPublishedComments, targetSchema } from '@/lib/data/reactions'
import { answerComment } from '@/lib/http/comments'
import { fieldErrors, jsonError, NO_STORE, readJson, withOutageAnswer } from '@/lib/http/responses'
import { clientAddress } from '@/lib/http/client-address'
import { visitorAnswerHeaders, visitorIdOf } from '@/lib/http/visitor'

export const dynamic = 'force-dynamic'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  const parsed = targetSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams))
  if (!parsed.success) return jsonError(400, 'Invalid comment target.', { fields: fieldErrors(parsed.error.issues) })
  const comments = await listPublishedComments(parsed.data)
  if (!comments) return jsonError(404, `No public ${parsed.data.type} "${parsed.data.slug}".`)
  return Response.json({ comments }, { headers: NO_STORE })
})

// The production server answers this POST itself, before Next (lib/server/live-routes.ts); this
// handler serves it where that server does not run (Vercel, `next dev`).
export const POST = withOutageAnswer(async (request: NextRequest) => {
  const answer = await answerComment(await readJson(request), visitorIdOf(request), clientAddress(request.headers))
  return Response.json(answer.body, { status: answer.status, headers: visitorAnswerHeaders(answer) })
})
