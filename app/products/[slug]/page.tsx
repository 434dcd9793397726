// A product: images, details, live price and availability, and the looks it appears in.
import type { Metadata } from 'next'
import { SizedImage } from '@/app/_components/sized-image'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getProductBySlug } from '@/lib/data/products'
import { NOT_FOUND_METADATA, absoluteUrl, pageMetadata } from '@/lib/seo'
import { clickOutPath } from '@/lib/site'
import { OffersProvider, OfferPrice, ShopButton } from '@/app/_components/offers'
import { LikeButton } from '@/app/_components/like-button'
import { ShareControl } from '@/app/_components/share-control'
import { OutfitGrid } from '@/app/_components/outfit-grid'
import { JsonLd } from '@/app/_components/json-ld'
import { ViewContent } from '@/app/_components/view-content'

// Product data: REVALIDATE_SECONDS.products in lib/cache/policy.ts.
export const revalidate = 10

export function generateStaticParams(): { slug: string }[] {
  return [] // rendered on first request: the build has no database
}

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProductBySlug((await params).slug)
  if (!product) return NOT_FOUND_METADATA
  return pageMetadata({
    title: `${product.name} by ${product.brand}`,
    description: product.description,
    path: `/products/${product.slug}`,
    image: product.image,
  })
}

export default async function ProductPage({ params }: Props) {
  const product = await getProductBySlug((await params).slug)
  if (!product) notFound()

  return (
    <OffersProvider skus={[product.sku]}>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/products">Products</Link> /{' '}
        <Link href={`/products?category=${encodeURIComponent(product.category)}`}>{product.category}</Link>
      </nav>
      <div className="product-detail">
        <div className="product-gallery">
          {product.images.map((image, index) => (
            <SizedImage key={image.url} image={image} sizes="(min-width: 900px) 30vw, 80vw" first={index === 0} />
          ))}
        </div>
        <div className="product-info">
          <p className="eyebrow">{product.brand}</p>
          <h1>{product.name}</h1>
          <p className="product-offer">
            <OfferPrice sku={product.sku} />
          </p>
          <p>{product.description}</p>
          <dl className="facts">
            <dt>Colours</dt>
            <dd>{product.colors.join(', ')}</dd>
            <dt>Sizes</dt>
            <dd>{product.sizes.join(', ')}</dd>
            <dt>Article</dt>
            <dd>{product.sku}</dd>
          </dl>
          <div className="actions">
            <ShopButton
              sku={product.sku}
              href={clickOutPath(product.sku, { type: 'product', slug: product.slug })}
              className="button"
            />
            <LikeButton type="product" slug={product.slug} label="" />
            <ShareControl
              url={absoluteUrl(`/products/${product.slug}`)}
              title={`${product.name} by ${product.brand}`}
            />
          </div>
        </div>
      </div>
      {product.outfits.length > 0 && (
        <section className="section" aria-labelledby="in-looks">
          <h2 id="in-looks">Worn in these looks</h2>
          <OutfitGrid outfits={product.outfits} />
        </section>
      )}
      <ViewContent skus={[product.sku]} name={`${product.name} by ${product.brand}`} />
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'Product',
          name: product.name,
          sku: product.sku,
          brand: { '@type': 'Brand', name: product.brand },
          category: product.category,
          color: product.colors.join(', '),
          description: product.description,
          image: product.images.map((image) => absoluteUrl(image.url)),
          url: absoluteUrl(`/products/${product.slug}`),
        }}
      />
    </OffersProvider>
  )
}
