// GET /api/facets?… — every facet value with its count under the given filters.
import type { NextRequest } from 'next/server'
import { getFacets } from '@/lib/data/facets'
import { parseProductFilter } from '@/lib/data/product-filter'
import { answer } from '@/lib/http/read-api'
import { withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  return answer('facets', () => getFacets(parseProductFilter(request.nextUrl.searchParams)))
})
