// GET /api/facets?… — every facet value with its count under the given filters.
import type { NextRequest } from 'next/server'
import { getFacets } from '@/lib/data/facets'
import { parseProductFilter } from '@/lib/data/product-filter'
import { answer } from '@/lib/http/read-api'

export async function GET(request: NextRequest) {
  return answer('facets', () => getFacets(parseProductFilter(request.nextUrl.searchParams)))
}
