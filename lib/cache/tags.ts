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
} as const
