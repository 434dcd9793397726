// Likes: GET /api/likes?type=outfit&slug=… → { count, liked }; POST { type, slug, liked } sets
// this visitor's like (one per visitor and item; liked:false takes it back). Never cached.
import { NextResponse, type NextRequest } from 'next/server'
import { z } from 'zod'
import { getLikeState, setLike, targetSchema } from '@/lib/data/reactions'
import { fieldErrors, jsonError, NO_STORE, readJson } from '@/lib/http/responses'
import { newVisitorId, rememberVisitor, visitorIdOf } from '@/lib/http/visitor'
import { rateLimit } from '@/lib/http/rate-limit'

export const dynamic = 'force-dynamic'

export async function GET(request: NextRequest) {
  const parsed = targetSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams))
  if (!parsed.success) return jsonError(400, 'Invalid like target.', { fields: fieldErrors(parsed.error.issues) })
  const state = await getLikeState(parsed.data, visitorIdOf(request))
  if (!state) return jsonError(404, `No public ${parsed.data.type} "${parsed.data.slug}".`)
  return Response.json(state, { headers: NO_STORE })
}

const likeSchema = targetSchema.extend({ liked: z.boolean({ message: 'liked must be true or false' }) })

export async function POST(request: NextRequest) {
  const parsed = likeSchema.safeParse(await readJson(request))
  if (!parsed.success) return jsonError(400, 'Send JSON like {"type":"outfit","slug":"…","liked":true}.', { fields: fieldErrors(parsed.error.issues) })
  const existing = visitorIdOf(request)
  const visitorId = existing ?? newVisitorId()
  const limit = await rateLimit('like', visitorId, 120, 600)
  if (!limit.allowed) return jsonError(429, 'Too many likes at once: try again in a few minutes.', {}, { 'Retry-After': String(limit.retryAfterSeconds) })
  const state = await setLike(parsed.data, visitorId, parsed.data.liked)
  if (!state) return jsonError(404, `No public ${parsed.data.type} "${parsed.data.slug}".`)
  const response = NextResponse.json(state, { headers: NO_STORE })
  if (!existing) rememberVisitor(response, visitorId)
  return response
}
