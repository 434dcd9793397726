// Shared bits of the listing pages, which the proxy reaches through /lists/<name>/<canonical query>.
import { queryFromSegment } from '@/lib/proxy/listing-rewrite'

/** The page number of a listing's internal path segment; null when the segment is not canonical. */
export function pageFromSegment(segment: string): number | null {
  const params = queryFromSegment(segment)
  const page = params.get('page') ?? '1'
  if ([...params.keys()].some((key) => key !== 'page') || !/^[1-9]\d{0,3}$/.test(page)) return null
  return Number(page)
}
