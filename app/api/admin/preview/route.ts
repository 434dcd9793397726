// Draft preview: GET /api/admin/preview?outfit=<id> lets a signed-in editor see an unpublished or
// scheduled outfit as it will look. Next's draft mode cookie is set only here, after the session
// check; shoppers cannot get it. GET /api/admin/preview?exit=1 ends it.
import { draftMode } from 'next/headers'
import type { NextRequest } from 'next/server'
import { requireEditorRequest } from '@/lib/auth/guard'
import { outfitSlugById } from '@/lib/data/admin/outfits'
import { jsonError, withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  const params = request.nextUrl.searchParams
  if (params.has('exit')) {
    ;(await draftMode()).disable()
    return Response.redirect(new URL('/admin/outfits', request.nextUrl), 303)
  }
  const editor = await requireEditorRequest(request)
  if (editor instanceof Response) return editor
  const id = params.get('outfit')
  if (!id) return jsonError(400, 'Name the outfit to preview: /api/admin/preview?outfit=<id>')
  const slug = await outfitSlugById(id)
  if (!slug) return jsonError(404, 'No such outfit.')
  ;(await draftMode()).enable()
  return Response.redirect(new URL(`/outfits/${slug}`, request.nextUrl), 303)
})
