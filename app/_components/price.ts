import type { Offer } from '@/lib/data/types'

/** A price as the shop shows it: "€118.95". For the live price island and the admin's feed facts. */
export function formatPrice(offer: Pick<Offer, 'priceCents' | 'currency'>): string {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency: offer.currency }).format(offer.priceCents / 100)
}
