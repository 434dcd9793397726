// Listing pages read their filters from the query string, but a page that reads the query is
// rendered on every request. So the proxy moves the (canonical) query into the path of an internal
// route that ISR can cache, one entry per distinct filter:
//   /products?color=Navy&category=Tops  →  /lists/products/category%3DTops%26color%3DNavy
//   /outfits?page=2                      →  /lists/outfits/page%3D2
//   /idols                               →  /lists/idols/all
// A URL that is not in canonical form is redirected to it, so equal filters share one entry.
import { canonicalProductQuery, FilterError, parseProductFilter } from '@/lib/data/product-filter'

export const LISTINGS = ['products', 'idols', 'outfits', 'shots', 'socials'] as const
export type Listing = (typeof LISTINGS)[number]
export const ALL = 'all'

/** Next's own parameter on client-side navigations; it must travel with the rewrite. */
const NEXT_PARAMS = ['_rsc']

export type ListingDecision =
  { kind: 'rewrite'; path: string } | { kind: 'redirect'; location: string } | { kind: 'none' }

function canonicalPageQuery(params: URLSearchParams): string {
  const page = params.get('page')
  if (page === null || page === '1') return ''
  if (!/^[1-9]\d{0,3}$/.test(page)) throw new FilterError('page must be a whole number from 1 to 9999')
  return `page=${page}`
}

export function decideListing(url: URL): ListingDecision {
  const listing = LISTINGS.find((name) => url.pathname === `/${name}`)
  if (!listing) return { kind: 'none' }
  const params = new URLSearchParams(url.search)
  const carried = new URLSearchParams()
  for (const key of NEXT_PARAMS) {
    const value = params.get(key)
    if (value !== null) carried.set(key, value)
    params.delete(key)
  }
  let canonical: string
  try {
    canonical = listing === 'products' ? canonicalProductQuery(parseProductFilter(params)) : canonicalPageQuery(params)
  } catch (error) {
    if (error instanceof FilterError) return { kind: 'redirect', location: `/${listing}` }
    throw error
  }
  if (sortedQuery(params) !== canonical)
    return { kind: 'redirect', location: canonical ? `/${listing}?${canonical}` : `/${listing}` }
  const suffix = carried.size ? `?${carried.toString()}` : ''
  return { kind: 'rewrite', path: `/lists/${listing}/${encodeURIComponent(canonical || ALL)}${suffix}` }
}

// Order of parameters and of repeated values carries no meaning; anything else does.
function sortedQuery(params: URLSearchParams): string {
  const pairs = [...params].sort(([ka, va], [kb, vb]) =>
    ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1,
  )
  return new URLSearchParams(pairs).toString()
}

/** The filter query back from the internal path segment. */
export function queryFromSegment(segment: string): URLSearchParams {
  const decoded = decodeURIComponent(segment)
  return new URLSearchParams(decoded === ALL ? '' : decoded)
}
