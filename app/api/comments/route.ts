// Comments: GET /api/comments?type=outfit&slug=… lists published ones, newest first;
// POST { type, slug, authorName, body } adds one (published at once, or held for review when
// COMMENTS_HELD_FOR_REVIEW=true). Rate-limited per visitor and per address. Never cached.
import { NextResponse, type NextRequest } from 'next/server'
import { addComment, commentInputSchema, hashIp, listPublishedComments, targetSchema } from '@/lib/data/reactions'
import { fieldErrors, jsonError, NO_STORE, readJson } from '@/lib/http/responses'
import { clientIp, newVisitorId, rememberVisitor, visitorIdOf } from '@/lib/http/visitor'
import { rateLimit } from '@/lib/http/rate-limit'

export const dynamic = 'force-dynamic'

export async function GET(request: NextRequest) {
  const parsed = targetSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams))
  if (!parsed.success) return jsonError(400, 'Invalid comment target.', { fields: fieldErrors(parsed.error.issues) })
  const comments = await listPublishedComments(parsed.data)
  if (!comments) return jsonError(404, `No public ${parsed.data.type} "${parsed.data.slug}".`)
  return Response.json({ comments }, { headers: NO_STORE })
}

export async function POST(request: NextRequest) {
  const parsed = commentInputSchema.safeParse(await readJson(request))
  if (!parsed.success) return jsonError(400, 'Please check the highlighted fields.', { fields: fieldErrors(parsed.error.issues) })
  const existing = visitorIdOf(request)
  const visitorId = existing ?? newVisitorId()
  const ip = clientIp(request)
  for (const [name, subject, limit] of [
    ['comment-visitor', visitorId, 5],
    ['comment-ip', hashIp(ip), 20],
  ] as const) {
    const result = await rateLimit(name, subject, limit, 600)
    if (!result.allowed) return jsonError(429, 'You are commenting very fast: please wait a few minutes.', {}, { 'Retry-After': String(result.retryAfterSeconds) })
  }
  const added = await addComment(parsed.data, visitorId, ip)
  if (!added) return jsonError(404, `No public ${parsed.data.type} "${parsed.data.slug}".`)
  const response = NextResponse.json(added, { status: 201, headers: NO_STORE })
  if (!existing) rememberVisitor(response, visitorId)
  return response
}
