'use client'
// Live prices: one request for every product on the page, refreshed every 8 seconds while the
// page is open. Cached HTML never contains a price; this island fills it in.
import { createContext, useContext, type ReactNode } from 'react'
import useSWR from 'swr'
import type { Offer } from '@/lib/data/types'
import { fetchJson } from './fetch-json'
import { trackEvent } from './tracking-client'

type OffersState = { offers: Map<string, Offer>; loading: boolean; failed: boolean }
const OffersContext = createContext<OffersState>({ offers: new Map(), loading: true, failed: false })

export function OffersProvider({ skus, children }: { skus: string[]; children: ReactNode }) {
  const key = skus.length ? `/api/offers?${skus.map((sku) => `sku=${encodeURIComponent(sku)}`).join('&')}` : null
  // Every 8 s: a feed's change reaches the servers within a second, so a price shows within 10 s.
  const { data, error, isLoading } = useSWR(key, (url: string) => fetchJson<{ offers: Offer[] }>(url), {
    refreshInterval: 8_000,
  })
  const offers = new Map((data?.offers ?? []).map((offer) => [offer.sku, offer]))
  return (
    <OffersContext.Provider value={{ offers, loading: isLoading, failed: Boolean(error) && !data }}>
      {children}
    </OffersContext.Provider>
  )
}

const AVAILABILITY: Record<Offer['availability'], string> = {
  IN_STOCK: 'In stock',
  LOW_STOCK: 'Only a few left',
  OUT_OF_STOCK: 'Sold out',
  PREORDER: 'Pre-order',
}

/**
 * A product's live price. `full` (a product or an outfit's piece) says how available it is; `card`
 * (a listing) only when that is worth a look: sold out, few left, pre-order. German price rules want
 * "incl. VAT" beside every price.
 */
export function OfferPrice({ sku, variant = 'full' }: { sku: string; variant?: 'full' | 'card' }) {
  const { offers, loading, failed } = useContext(OffersContext)
  const offer = offers.get(sku)
  if (offer) {
    const showAvailability = variant === 'full' || offer.availability !== 'IN_STOCK'
    return (
      <span className="offer" data-testid={`offer-${sku}`}>
        {offer.salePrice === null ? (
          <span className="price">{offer.price}</span>
        ) : (
          <>
            <span className="price price-sale">
              <span className="visually-hidden">On sale: </span>
              {offer.salePrice}
            </span>
            <s className="price-before">
              <span className="visually-hidden">was </span>
              {offer.price}
            </s>
          </>
        )}
        <span className="vat">incl. VAT</span>
        {showAvailability && (
          <span className={`availability availability-${offer.availability.toLowerCase()}`}>
            {AVAILABILITY[offer.availability]}
          </span>
        )}
      </span>
    )
  }
  if (loading) return <span className="offer offer-loading" aria-busy="true" aria-label="Loading price" />
  return <span className="offer offer-missing">{failed ? 'Price unavailable right now' : 'Not available'}</span>
}

/** "Buy at the shop", or "Sold out" in its place when the live offer says so. */
export function ShopButton({ sku, href, className }: { sku: string; href: string; className: string }) {
  const { offers } = useContext(OffersContext)
  if (offers.get(sku)?.availability === 'OUT_OF_STOCK')
    return <span className={`${className} button-sold-out`}>Sold out</span>
  return (
    <a
      className={className}
      href={href}
      rel="noopener nofollow"
      target="_blank"
      onClick={() => trackEvent('ShopClick', { content_ids: [sku], content_type: 'product' })}
    >
      Buy at the shop
    </a>
  )
}
