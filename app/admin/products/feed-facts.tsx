import type { EditableProduct } from '@/lib/data/admin/products'

/** What the shop's feed owns, shown for reference: editors cannot change it here. */
export function FeedFacts({ product }: { product: EditableProduct }) {
  const { feed, offer } = product
  const facts: [string, string][] = [
    ['SKU', feed.sku],
    // The same format as the shop pages' live price (app/_components/offers.tsx, a client module).
    ['Price', new Intl.NumberFormat('en-IE', { style: 'currency', currency: offer.currency }).format(offer.priceCents / 100)],
    ['Currency', offer.currency],
    ['Availability', offer.availability.replace('_', ' ').toLowerCase()],
    ['Active in the feed', feed.active ? 'yes' : 'no (hidden from the shop pages; outfits may still show it)'],
    ['Brand', feed.brand],
    ['Category', feed.category],
    ['Colours', feed.colors.join(', ') || '—'],
    ['Sizes', feed.sizes.join(', ') || '—'],
    ['Address', `/products/${feed.slug}`],
    ['Shop link', feed.shopUrl],
    ['Offer updated', new Date(offer.updatedAt).toLocaleString('en-GB')],
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
