// Cache tags, in one place: every cached read says which tags it depends on, and every write
// (editor, feed sync) invalidates by the same names. Lists depend on their collection tag;
// a detail page on its record's tag too.
export const TAGS = {
  products: 'products',
  product: (slug: string) => `product:${slug}`,
  facets: 'facets',
  idols: 'idols',
  idol: (slug: string) => `idol:${slug}`,
  outfits: 'outfits',
  outfit: (slug: string) => `outfit:${slug}`,
  shots: 'shots',
  socials: 'socials',
} as const
