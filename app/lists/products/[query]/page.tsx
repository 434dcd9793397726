// /products with facets: ?category=…&brand=…&color=…&size=…&sort=…&page=… (several values each),
// counts per facet value. One cached page per canonical filter (see lib/proxy/listing-rewrite.ts).
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getFacets } from '@/lib/data/facets'
import { listProducts } from '@/lib/data/products'
import {
  canonicalProductQuery,
  FilterError,
  parseProductFilter,
  productListUrl,
  PRODUCT_SORTS,
  toggleFilterValue,
} from '@/lib/data/product-filter'
import type { FacetName, ProductFilter } from '@/lib/data/types'
import { queryFromSegment } from '@/lib/proxy/listing-rewrite'
import { absoluteUrl, pageMetadata } from '@/lib/seo'
import { ProductGrid } from '@/app/_components/product-card'
import { Pagination } from '@/app/_components/pagination'
import { JsonLd } from '@/app/_components/json-ld'
import { KeepSheetOpen } from '@/app/_components/keep-sheet-open'

// Product data: REVALIDATE_SECONDS.products in lib/cache/policy.ts.
export const revalidate = 10

export function generateStaticParams(): { query: string }[] {
  return []
}

type Props = { params: Promise<{ query: string }> }

function filterOf(segment: string): ProductFilter | null {
  try {
    const params = queryFromSegment(segment)
    const filter = parseProductFilter(params)
    params.sort()
    return canonicalProductQuery(filter) === params.toString() ? filter : null
  } catch (error) {
    if (error instanceof FilterError) return null
    throw error
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const filter = filterOf((await params).query)
  const chosen = filter ? [...filter.category, ...filter.brand, ...filter.color, ...filter.size] : []
  return {
    ...pageMetadata({
      title: chosen.length ? `Products: ${chosen.join(', ')}` : 'Products',
      description: 'Every piece of the campaign looks, by category, brand, colour and size.',
      path: filter ? productListUrl(filter) : '/products',
    }),
    // Filtered and paged variants are for visitors; search engines get the plain list.
    robots: chosen.length || (filter && filter.page > 1) ? { index: false, follow: true } : undefined,
  }
}

const FACET_LABEL: Record<FacetName, string> = { category: 'Category', brand: 'Brand', color: 'Colour', size: 'Size' }
const SORT_LABEL = {
  newest: 'Newest',
  name: 'Name',
  'price-asc': 'Price, low to high',
  'price-desc': 'Price, high to low',
}

export default async function ProductsPage({ params }: Props) {
  const filter = filterOf((await params).query)
  if (!filter) notFound()
  const [products, facets] = await Promise.all([listProducts(filter), getFacets(filter)])
  if (filter.page > products.pageCount) notFound()
  const active = (Object.keys(FACET_LABEL) as FacetName[]).flatMap((facet) =>
    filter[facet].map((value) => ({ facet, value })),
  )

  return (
    <>
      <h1>Products</h1>
      <p className="lede" aria-live="polite">
        {products.total} {products.total === 1 ? 'piece' : 'pieces'}
        {active.length > 0 && ' matching your filters'}
      </p>
      <div className="catalogue-toolbar">
        {/* Phones: the filters open as a sheet (the Popover API works without JavaScript). Filter,
            sort and chip links are plain links: each choice loads its cached listing whole, and
            fifty next/link components hydrating on a phone cost it 100 ms of a 4× throttled main
            thread (Lighthouse's blocking time), for links that a closed sheet never prefetches. */}
        <button type="button" className="pill-button filter-button" popoverTarget="product-filters">
          Filter and sort{active.length > 0 && ` (${active.length})`}
        </button>
        {active.length > 0 && (
          <ul className="active-filters" aria-label="Active filters">
            {active.map(({ facet, value }) => (
              <li key={`${facet}:${value}`}>
                <a
                  href={productListUrl(toggleFilterValue(filter, facet, value))}
                  className="filter-chip"
                  aria-label={`Remove filter ${FACET_LABEL[facet]}: ${value}`}
                  rel="nofollow"
                >
                  {value} <span aria-hidden="true">×</span>
                </a>
              </li>
            ))}
            <li>
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a plain link, as above */}
              <a href="/products" className="clear-filters">
                Clear all
              </a>
            </li>
          </ul>
        )}
      </div>
      <div className="catalogue">
        <aside className="facets" id="product-filters" popover="auto" aria-label="Filters">
          <KeepSheetOpen id="product-filters" />
          <div className="facets-head">
            <h2>Filter and sort</h2>
            <button type="button" className="button" popoverTarget="product-filters" popoverTargetAction="hide">
              Show {products.total} {products.total === 1 ? 'piece' : 'pieces'}
            </button>
          </div>
          <details open>
            <summary>Sort</summary>
            <ul>
              {PRODUCT_SORTS.map((sort) => (
                <li key={sort}>
                  <a
                    href={productListUrl({ ...filter, sort, page: 1 })}
                    className={`facet-value${filter.sort === sort ? ' selected' : ''}`}
                    aria-current={filter.sort === sort ? 'true' : undefined}
                    rel="nofollow"
                  >
                    {SORT_LABEL[sort]}
                  </a>
                </li>
              ))}
            </ul>
          </details>
          {(Object.keys(FACET_LABEL) as FacetName[]).map((facet) => (
            <details key={facet} open={facet === 'category' || filter[facet].length > 0}>
              <summary>{FACET_LABEL[facet]}</summary>
              <ul>
                {facets[facet].map((value) => (
                  <li key={value.value}>
                    <a
                      href={productListUrl(toggleFilterValue(filter, facet, value.value))}
                      className={`facet-value${value.selected ? ' selected' : ''}${value.count === 0 ? ' empty-value' : ''}`}
                      aria-current={value.selected ? 'true' : undefined}
                      rel="nofollow"
                    >
                      <span className="check" aria-hidden="true">
                        {value.selected ? '☑' : '☐'}
                      </span>
                      {value.value} <span className="facet-count">({value.count})</span>
                    </a>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </aside>
        <div>
          <h2 className="visually-hidden">The pieces</h2>
          <ProductGrid products={products.items} />
          <Pagination
            page={filter.page}
            pageCount={products.pageCount}
            hrefFor={(page) => productListUrl({ ...filter, page })}
          />
        </div>
      </div>
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'CollectionPage',
          name: 'Products',
          url: absoluteUrl(productListUrl(filter)),
          mainEntity: {
            '@type': 'ItemList',
            numberOfItems: products.total,
            itemListElement: products.items.map((product, index) => ({
              '@type': 'ListItem',
              position: (filter.page - 1) * 24 + index + 1,
              url: absoluteUrl(`/products/${product.slug}`),
              name: product.name,
            })),
          },
        }}
      />
    </>
  )
}
