// /search?q=: full-text search over products, outfits and idols. Rendered per request (the query
// is the page), with results from PostgreSQL's text search.
import type { Metadata } from 'next'
import { search } from '@/lib/data/search'
import { ProductGrid } from '@/app/_components/product-card'
import { OutfitGrid } from '@/app/_components/outfit-grid'
import { IdolStrip } from '@/app/_components/idol-strip'

export const metadata: Metadata = {
  title: 'Search',
  robots: { index: false, follow: true },
  alternates: { canonical: '/search' },
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const raw = (await searchParams).q
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 100) ?? ''
  const results = q ? await search(q) : null
  const total = results ? results.products.length + results.outfits.length + results.idols.length : 0

  return (
    <>
      <h1>Search</h1>
      <form action="/search" role="search" className="search-form">
        <label htmlFor="search-q" className="visually-hidden">
          Search products, outfits and idols
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Try “camel coat” or “sneakers”"
          maxLength={100}
        />
        <button className="button" type="submit">
          Search
        </button>
      </form>
      {results && (
        <p className="lede" aria-live="polite">
          {total === 0 ? `Nothing found for “${results.query}”.` : `${total} results for “${results.query}”.`}
        </p>
      )}
      {results && results.idols.length > 0 && (
        <section className="section" aria-labelledby="found-idols">
          <h2 id="found-idols">Idols</h2>
          <IdolStrip idols={results.idols} />
        </section>
      )}
      {results && results.outfits.length > 0 && (
        <section className="section" aria-labelledby="found-outfits">
          <h2 id="found-outfits">Outfits</h2>
          <OutfitGrid outfits={results.outfits} />
        </section>
      )}
      {results && results.products.length > 0 && (
        <section className="section" aria-labelledby="found-products">
          <h2 id="found-products">Products</h2>
          <ProductGrid products={results.products} />
        </section>
      )}
    </>
  )
}
