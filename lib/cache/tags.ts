// Cache tags, in one place: every cached read says which tags it depends on, and every write
// (editor, feed sync) invalidates by the same names. Lists depend on their collection tag;
// a detail page on its record's tag, and on what it shows of others. Detail pages do not depend on
// their collection's tag: one outfit's save would otherwise re-render every outfit and idol page.
export const TAGS = {
  products: 'products',
  product: (slug: string) => `product:${slug}`,
  facets: 'facets',
  idols: 'idols',
  idol: (slug: string) => `idol:${slug}`,
  outfits: 'outfits',
  outfit: (slug: string) => `outfit:${slug}`,
  /** What every outfit page shows of other records: its idol's name, its pieces. */
  outfitPages: 'outfit-pages',
  shots: 'shots',
  socials: 'socials',
  /** A record's public reactions (like count, published comments): app/api/reactions only. */
  reactions: (type: string, slug: string) => `reactions:${type}:${slug}`,
  /** A legal page (Impressum, privacy policy): shown on its own page only. */
  legal: (id: string) => `legal:${id}`,
} as const

/** What a feed sync run changed (lib/data/feed-sync.ts), as far as cached pages are concerned. */
export type FeedPageChanges = { productSlugs: string[]; outfitSlugs: string[]; listings: boolean; everything: boolean }

/**
 * The tags a feed sync run expires: each changed product's page and the outfits that wear it;
 * listings and facets when something they show changed. After a run that was killed, whose changes
 * are unknown, all lists and outfit pages (product pages renew within 10 s on their own).
 */
export function feedChangeTags(changes: FeedPageChanges): string[] {
  const tags = [...changes.productSlugs.map(TAGS.product), ...changes.outfitSlugs.map(TAGS.outfit)]
  if (changes.listings || changes.everything) tags.push(TAGS.products, TAGS.facets)
  if (changes.everything) tags.push(TAGS.outfitPages)
  return [...new Set(tags)]
}
