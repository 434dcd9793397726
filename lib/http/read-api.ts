// Shared by the public read API (/api/products, /api/outfits, …): paging and the answer's shape.
import { FilterError } from '@/lib/data/product-filter'
import { REVALIDATE_SECONDS } from '@/lib/cache/policy'
import { jsonError, publicCache } from './responses'

export function pageParam(url: URL): number {
  const page = url.searchParams.get('page') ?? '1'
  if (!/^[1-9]\d{0,3}$/.test(page)) throw new FilterError('page must be a whole number from 1 to 9999')
  return Number(page)
}

/** Runs a read; bad query → 400, missing → 404, otherwise 200 with CDN-friendly caching. */
export async function answer<T>(
  kind: keyof typeof REVALIDATE_SECONDS,
  read: () => Promise<T | null>,
  missing = 'Not found.',
): Promise<Response> {
  let data: T | null
  try {
    data = await read()
  } catch (error) {
    if (error instanceof FilterError) return jsonError(400, error.message)
    throw error
  }
  if (data === null) return jsonError(404, missing)
  return Response.json(data, { headers: publicCache(kind) })
}
