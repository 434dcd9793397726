import type { ReactNode } from 'react'
import type { EditableProduct } from '@/lib/data/admin/products'
import { formatPrice } from '@/lib/format'
import { When } from '../_components/when'

/** What the shop's feed owns, shown for reference: editors cannot change it here. */
export function FeedFacts({ product }: { product: EditableProduct }) {
  const { feed, offer } = product
  const facts: [string, ReactNode][] = [
    ['SKU', feed.sku],
    ['Price', formatPrice(offer.priceCents, offer.currency)],
    ['Currency', offer.currency],
    ['Availability', offer.availability.replace('_', ' ').toLowerCase()],
    ['Active in the feed', feed.active ? 'yes' : 'no (hidden from the shop pages; outfits may still show it)'],
    ['Brand', feed.brand],
    ['Category', feed.category],
    ['Colours', feed.colors.join(', ') || '—'],
    ['Sizes', feed.sizes.join(', ') || '—'],
    ['Address', `/products/${feed.slug}`],
    ['Shop link', feed.shopUrl],
    ['Offer updated', <When key="offer-updated" iso={offer.updatedAt} />],
  ]
  return (
    <section className="feed-facts" aria-labelledby="feed-heading">
      <h2 id="feed-heading">From the shop’s feed (read-only)</h2>
      <dl>
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
