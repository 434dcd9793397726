// Product filters live in the URL (shareable): ?category=Tops&color=Black&color=Navy&sort=name&page=2.
// One canonical form per filter, so equal filters share one cached page: known keys only, values
// de-duplicated and sorted, defaults left out. The proxy rewrites listing URLs to that form.
import { z } from 'zod'
import type { ProductFilter, ProductSort } from './types'

export const PRODUCT_SORTS: ProductSort[] = ['newest', 'name', 'price-asc', 'price-desc']
export const PRODUCTS_PER_PAGE = 24
const MULTI = ['brand', 'category', 'color', 'size'] as const
const MAX_VALUES = 20

const valueList = z.array(z.string().trim().min(1).max(60)).max(MAX_VALUES)

export class FilterError extends Error {
  override name = 'FilterError'
}

export const DEFAULT_FILTER: ProductFilter = { category: [], brand: [], color: [], size: [], sort: 'newest', page: 1 }

/** Reads a filter from query parameters; throws FilterError with a readable message on bad input. */
export function parseProductFilter(params: URLSearchParams): ProductFilter {
  const filter: ProductFilter = { ...DEFAULT_FILTER, category: [], brand: [], color: [], size: [] }
  for (const key of MULTI) {
    const values = valueList.safeParse(
      params
        .getAll(key)
        .flatMap((value) => value.split(','))
        .filter(Boolean),
    )
    if (!values.success) throw new FilterError(`${key}: at most ${MAX_VALUES} values of 1 to 60 characters`)
    filter[key] = [...new Set(values.data)].sort()
  }
  const sort = params.get('sort')
  if (sort !== null) {
    if (!PRODUCT_SORTS.includes(sort as ProductSort))
      throw new FilterError(`sort must be one of ${PRODUCT_SORTS.join(', ')}`)
    filter.sort = sort as ProductSort
  }
  const page = params.get('page')
  if (page !== null) {
    if (!/^[1-9]\d{0,3}$/.test(page)) throw new FilterError('page must be a whole number from 1 to 9999')
    filter.page = Number(page)
  }
  return filter
}

export function canonicalProductQuery(filter: ProductFilter): string {
  const params = new URLSearchParams()
  for (const key of MULTI) for (const value of filter[key]) params.append(key, value)
  if (filter.sort !== 'newest') params.set('sort', filter.sort)
  if (filter.page !== 1) params.set('page', String(filter.page))
  params.sort()
  return params.toString()
}

/** The shareable URL of a filter, e.g. for facet links. */
export function productListUrl(filter: ProductFilter): string {
  const query = canonicalProductQuery(filter)
  return query ? `/products?${query}` : '/products'
}

export function toggleFilterValue(filter: ProductFilter, facet: (typeof MULTI)[number], value: string): ProductFilter {
  const values = filter[facet].includes(value)
    ? filter[facet].filter((v) => v !== value)
    : [...filter[facet], value].sort()
  return { ...filter, [facet]: values, page: 1 }
}
