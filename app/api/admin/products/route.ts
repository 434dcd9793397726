// The outfit editor's product picker: GET /api/admin/products?q=camel (editors only, never cached).
import type { NextRequest } from 'next/server'
import { requireEditorRequest } from '@/lib/auth/guard'
import { searchProductsForPicker } from '@/lib/data/admin/product-search'
import { jsonError, NO_STORE, withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  const editor = await requireEditorRequest(request)
  if (editor instanceof Response) return editor
  const q = request.nextUrl.searchParams.get('q') ?? ''
  if (q.length > 60) return jsonError(400, 'Search for at most 60 characters.')
  return Response.json({ products: await searchProductsForPicker(q) }, { headers: NO_STORE })
})
