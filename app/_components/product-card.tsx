import Image from 'next/image'
import Link from 'next/link'
import type { ProductSummary } from '@/lib/data/types'

export function ProductCard({
  product,
  sizes = '(min-width: 760px) 22vw, 45vw',
}: {
  product: ProductSummary
  sizes?: string
}) {
  return (
    <article className="product-card">
      <Link href={`/products/${product.slug}`}>
        <div className="product-image">
          {product.image && (
            <Image
              src={product.image.url}
              alt={product.image.alt}
              width={product.image.width}
              height={product.image.height}
              sizes={sizes}
            />
          )}
        </div>
        <div className="body">
          <p className="brand">{product.brand}</p>
          <h3>{product.name}</h3>
          <p className="meta">
            {product.category} · {product.colors.join(', ')}
          </p>
        </div>
      </Link>
    </article>
  )
}

export function ProductGrid({ products }: { products: ProductSummary[] }) {
  if (products.length === 0) return <p className="empty">No products match these filters.</p>
  return (
    <ul className="product-grid">
      {products.map((product) => (
        <li key={product.slug}>
          <ProductCard product={product} />
        </li>
      ))}
    </ul>
  )
}
