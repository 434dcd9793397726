// The cache policy: how long each kind of data may be served from cache, in seconds.
// The table in docs/architecture.md, in code. Route segment configs must be literal numbers (Next reads them at
// build time), so pages repeat these values; tests/unit/cache-policy.test.ts checks they agree.
export const REVALIDATE_SECONDS = {
  /** Product pages and product JSON. */
  products: 10,
  /** Facet counts (filters). */
  facets: 3600,
  /** Idols, outfits, shots, socials and the landing page. */
  editorial: 300,
  /**
   * A record's like count and published comments (app/api/reactions): shared by every visitor, so
   * kept by the front cache and a CDN, briefly: counts may lag this long on other instances.
   */
  reactions: 3,
} as const
