import { SizedImage } from './sized-image'
import Link from 'next/link'
import type { ProductSummary } from '@/lib/data/types'
import { OfferPrice, OffersProvider } from './offers'

export function ProductCard({
  product,
  sizes = '(min-width: 760px) 22vw, 45vw',
  first = false,
}: {
  product: ProductSummary
  sizes?: string
  /** The first card's picture is the listing's largest on a phone: loaded at once, first. */
  first?: boolean
}) {
  return (
    <article className="product-card">
      <Link href={`/products/${product.slug}`}>
        <div className="product-image">
          {product.image && <SizedImage image={product.image} sizes={sizes} first={first} />}
        </div>
        <div className="body">
          <p className="brand">{product.brand}</p>
          <h3>{product.name}</h3>
          <p className="meta">
            {product.category} · {product.colors.join(', ')}
          </p>
          <p className="card-offer">
            <OfferPrice sku={product.sku} variant="card" />
          </p>
        </div>
      </Link>
    </article>
  )
}

export function ProductGrid({ products }: { products: ProductSummary[] }) {
  if (products.length === 0) return <p className="empty">No products match these filters.</p>
  // One live offers request for every card on the page; prices are never in the cached HTML.
  return (
    <OffersProvider skus={products.map((product) => product.sku)}>
      <ul className="product-grid">
        {products.map((product, index) => (
          <li key={product.slug}>
            <ProductCard product={product} first={index === 0} />
          </li>
        ))}
      </ul>
    </OffersProvider>
  )
}
