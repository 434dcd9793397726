import 'server-only'
import { prisma } from '@/lib/db/client'
import { cached } from '@/lib/cache/cached'
import { TAGS } from '@/lib/cache/tags'
import type { FacetName, Facets, FacetValue, ProductFilter } from './types'

type FacetRow = { category: string; brand: string; colors: string[]; sizes: string[] }

// The facet fields of every active product: small rows, cached for an hour (facets change when the
// feed changes products, which invalidates the tag). Counts are then computed per filter in memory.
const facetRows = cached(
  'facet-rows',
  'facets',
  () => [TAGS.facets],
  async (): Promise<FacetRow[]> =>
    prisma().product.findMany({
      where: { active: true },
      select: { category: true, brand: true, colors: true, sizes: true },
    }),
)

const valuesOf: Record<FacetName, (row: FacetRow) => string[]> = {
  category: (row) => [row.category],
  brand: (row) => [row.brand],
  color: (row) => row.colors,
  size: (row) => row.sizes,
}

function matches(row: FacetRow, filter: ProductFilter, except: FacetName): boolean {
  return (Object.keys(valuesOf) as FacetName[]).every((facet) => {
    if (facet === except || filter[facet].length === 0) return true
    return valuesOf[facet](row).some((value) => filter[facet].includes(value))
  })
}

const SIZE_ORDER = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL']
function compareValues(facet: FacetName, a: string, b: string): number {
  if (facet === 'size') {
    const rank = (v: string) =>
      SIZE_ORDER.includes(v) ? SIZE_ORDER.indexOf(v) : /^\d+$/.test(v) ? 100 + Number(v) : 1000
    return rank(a) - rank(b) || a.localeCompare(b)
  }
  return a.localeCompare(b)
}

/**
 * Every value of every facet with the number of products it would show: a facet's counts apply
 * the other facets' selections but not its own (choosing another value widens the result).
 */
export async function getFacets(filter: ProductFilter): Promise<Facets> {
  const rows = await facetRows()
  const facets = {} as Facets
  for (const facet of Object.keys(valuesOf) as FacetName[]) {
    const counts = new Map<string, number>()
    for (const row of rows) {
      const values = valuesOf[facet](row)
      for (const value of values) if (!counts.has(value)) counts.set(value, 0)
      if (!matches(row, filter, facet)) continue
      for (const value of new Set(values)) counts.set(value, (counts.get(value) ?? 0) + 1)
    }
    for (const selected of filter[facet]) if (!counts.has(selected)) counts.set(selected, 0)
    facets[facet] = [...counts.entries()]
      .sort(([a], [b]) => compareValues(facet, a, b))
      .map(([value, count]): FacetValue => ({ value, count, selected: filter[facet].includes(value) }))
  }
  return facets
}
