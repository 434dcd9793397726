// Shop the look: the cover with a hotspot per piece, the pieces with live prices and shop links,
// likes and comments. The page is cached (ISR); prices, likes and comments load live.
import type { Metadata } from 'next'
import { SizedImage } from '@/app/_components/sized-image'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { draftMode } from 'next/headers'
import { getOutfitBySlug, getOutfitDraftBySlug } from '@/lib/data/outfits'
import { NOT_FOUND_METADATA, absoluteUrl, pageMetadata } from '@/lib/seo'
import { clickOutPath } from '@/lib/site'
import { OffersProvider, OfferPrice, ShopButton } from '@/app/_components/offers'
import { LikeButton } from '@/app/_components/like-button'
import { ShareControl } from '@/app/_components/share-control'
import { Comments } from '@/app/_components/comments'
import { JsonLd } from '@/app/_components/json-ld'
import { ViewContent } from '@/app/_components/view-content'

// Editorial data: REVALIDATE_SECONDS.editorial in lib/cache/policy.ts.
export const revalidate = 300

export function generateStaticParams(): { slug: string }[] {
  return [] // rendered on first request: the build has no database
}

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const outfit = await outfitFor((await params).slug)
  if (!outfit) return NOT_FOUND_METADATA
  return pageMetadata({
    title: `${outfit.title} — ${outfit.idol.name}`,
    description: `${outfit.description} ${outfit.itemCount} pieces to shop.`,
    path: `/outfits/${outfit.slug}`,
    image: outfit.cover,
    type: 'article',
  })
}

// Draft mode is on only for editors who came through /api/admin/preview; then the page is rendered
// per request from uncached data and shows drafts too.
async function outfitFor(slug: string) {
  return (await draftMode()).isEnabled ? getOutfitDraftBySlug(slug) : getOutfitBySlug(slug)
}

export default async function OutfitPage({ params }: Props) {
  const preview = (await draftMode()).isEnabled
  const outfit = await outfitFor((await params).slug)
  if (!outfit) notFound()

  return (
    <OffersProvider skus={outfit.items.map((item) => item.product.sku)}>
      {preview && (
        <p className="preview-banner" role="status">
          Draft preview: shoppers do not see this page until it is published.{' '}
          <a href="/api/admin/preview?exit=1">Leave preview</a>
        </p>
      )}
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/outfits">Outfits</Link> / <Link href={`/idols/${outfit.idol.slug}`}>{outfit.idol.name}</Link>
      </nav>
      <div className="look">
        <figure className="look-cover">
          {outfit.cover ? (
            <SizedImage image={outfit.cover} sizes="(min-width: 900px) 50vw, 100vw" first />
          ) : (
            <p className="empty">No cover image yet.</p>
          )}
          {outfit.items.map((item, index) =>
            item.hotspot ? (
              <a
                key={item.product.slug}
                className="hotspot"
                href={`#piece-${index + 1}`}
                style={{ left: `${item.hotspot.x * 100}%`, top: `${item.hotspot.y * 100}%` }}
                aria-label={`Piece ${index + 1}: ${item.product.name}`}
              >
                {index + 1}
              </a>
            ) : null,
          )}
        </figure>
        <div className="look-body">
          <p className="eyebrow">
            <Link href={`/idols/${outfit.idol.slug}`}>{outfit.idol.name}</Link>
          </p>
          <h1>{outfit.title}</h1>
          <p className="lede">{outfit.description}</p>
          {!preview && (
            <div className="actions">
              <LikeButton type="outfit" slug={outfit.slug} label="this look" />
              <ShareControl
                url={absoluteUrl(`/outfits/${outfit.slug}`)}
                title={`${outfit.title} — ${outfit.idol.name}`}
              />
            </div>
          )}
          <h2 className="pieces-title">The pieces</h2>
          {outfit.items.length === 0 && <p className="empty">No pieces in this look yet.</p>}
          <ol className="pieces">
            {outfit.items.map((item, index) => (
              <li key={item.product.slug} id={`piece-${index + 1}`} className="piece">
                <span className="piece-number" aria-hidden="true">
                  {index + 1}
                </span>
                <Link href={`/products/${item.product.slug}`} className="piece-image">
                  {item.product.image && (
                    <SizedImage image={item.product.image} sizes="96px" width={120} height={150} />
                  )}
                </Link>
                <div className="piece-body">
                  <p className="brand">{item.product.brand}</p>
                  <Link href={`/products/${item.product.slug}`} className="piece-name">
                    {item.product.name}
                  </Link>
                  <OfferPrice sku={item.product.sku} />
                </div>
                <ShopButton
                  sku={item.product.sku}
                  href={clickOutPath(item.product.sku, { type: 'outfit', slug: outfit.slug })}
                  className="button button-small"
                />
              </li>
            ))}
          </ol>
        </div>
      </div>
      {!preview && (
        <ViewContent
          skus={outfit.items.map((item) => item.product.sku)}
          name={`${outfit.title} — ${outfit.idol.name}`}
        />
      )}
      {/* Likes and comments exist for public outfits only; a draft preview has none. */}
      {!preview && <Comments type="outfit" slug={outfit.slug} />}
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'ItemList',
          name: `${outfit.title} — ${outfit.idol.name}`,
          url: absoluteUrl(`/outfits/${outfit.slug}`),
          itemListElement: outfit.items.map((item, index) => ({
            '@type': 'ListItem',
            position: index + 1,
            url: absoluteUrl(`/products/${item.product.slug}`),
            name: item.product.name,
          })),
        }}
      />
    </OffersProvider>
  )
}
