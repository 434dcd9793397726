import 'server-only'
// On-demand invalidation after a write: every cached page and API response that shows the
// changed record is marked stale *and expired*, so the very next request renders it afresh
// (not one stale answer first). Tags are in ./tags.ts; pages tag themselves through their reads.
import { revalidatePath, revalidateTag } from 'next/cache'
import { forgetOffers } from './offer-cache'
import { feedChangeTags, TAGS, type FeedPageChanges } from './tags'

function expire(tags: string[], paths: string[] = []): void {
  // Outside a Next server (scripts, tests) there is no cache to invalidate.
  if (!process.env.NEXT_RUNTIME) return
  for (const tag of new Set(tags)) revalidateTag(tag, { expire: 0 })
  for (const path of paths) revalidatePath(path)
  // The landing page and sitemap list outfits, idols, shots and socials.
  revalidatePath('/landing/current')
  revalidatePath('/sitemap.xml')
}

/**
 * An outfit shows on its page, in outfit lists, on the pages of the idols that show it and on the
 * product pages of its pieces (before and after a change). Only those detail pages: expiring every
 * product, outfit or idol page for one outfit's title re-rendered dozens of pages on each save, a
 * queue of renders under load.
 */
export function invalidateOutfit(slugs: string[], idolSlugs: string[] = [], productSlugs: string[] = []): void {
  expire([
    TAGS.outfits,
    ...slugs.map(TAGS.outfit),
    TAGS.idols,
    ...idolSlugs.map(TAGS.idol),
    ...productSlugs.map(TAGS.product),
    TAGS.shots,
  ])
}

/**
 * An idol's name, portrait or bio shows on its page, in idol lists and on its outfits' cards (also
 * on product pages); shots and posts name their idol in the API, and hiding an idol hides its
 * outfits everywhere.
 */
export function invalidateIdol(slugs: string[]): void {
  expire([TAGS.idols, ...slugs.map(TAGS.idol), TAGS.outfits, TAGS.outfitPages, TAGS.shots, TAGS.socials, TAGS.products])
}

/** Shots show in the gallery and on their idol's and their outfit's pages. */
export function invalidateShots(idolSlugs: string[] = [], outfitSlugs: string[] = []): void {
  expire([TAGS.shots, ...idolSlugs.map(TAGS.idol), ...outfitSlugs.map(TAGS.outfit)])
}

/** Social posts show on the wall and on their idol's page. */
export function invalidateSocials(idolSlugs: string[] = []): void {
  expire([TAGS.socials, ...idolSlugs.map(TAGS.idol)])
}

/** A product's editorial fields show on its page, in listings, in the facets and on the pages of the outfits that wear it. */
export function invalidateProduct(slugs: string[]): void {
  expire([TAGS.products, ...slugs.map(TAGS.product), TAGS.facets, TAGS.outfitPages])
}

/** Moderation changes what a record's public reactions show (app/api/reactions), and nothing else. */
export function invalidateReactions(targets: { type: string; slug: string }[]): void {
  if (!process.env.NEXT_RUNTIME) return
  for (const tag of new Set(targets.map(({ type, slug }) => TAGS.reactions(type, slug))))
    revalidateTag(tag, { expire: 0 })
}

/** A legal page shows on its own page only: no lists, no landing page. */
export function invalidateLegalPage(id: string): void {
  if (!process.env.NEXT_RUNTIME) return
  revalidateTag(TAGS.legal(id), { expire: 0 })
}

/** Everything that shows an image (after its alt text changed): each use's own pages. */
export function invalidateMediaUses(
  uses: {
    kind: 'idol' | 'outfit' | 'product' | 'shot' | 'social'
    slug?: string
    idolSlug?: string
    outfitSlug?: string
    productSlugs?: string[]
  }[],
): void {
  const slugsOf = (kind: (typeof uses)[number]['kind'], field: 'slug' | 'idolSlug' | 'outfitSlug') =>
    uses.filter((use) => use.kind === kind && use[field]).map((use) => use[field]!)
  if (uses.some((use) => use.kind === 'outfit'))
    invalidateOutfit(
      slugsOf('outfit', 'slug'),
      slugsOf('outfit', 'idolSlug'),
      uses.flatMap((use) => (use.kind === 'outfit' ? (use.productSlugs ?? []) : [])),
    )
  if (uses.some((use) => use.kind === 'idol')) invalidateIdol(slugsOf('idol', 'slug'))
  if (uses.some((use) => use.kind === 'product')) invalidateProduct(slugsOf('product', 'slug'))
  if (uses.some((use) => use.kind === 'shot'))
    invalidateShots(slugsOf('shot', 'idolSlug'), slugsOf('shot', 'outfitSlug'))
  if (uses.some((use) => use.kind === 'social')) invalidateSocials(slugsOf('social', 'idolSlug'))
}

/**
 * What a feed sync run changed — its pages and its SKUs' cached offers — dropped at once where no
 * process follows the runs: on Vercel. Our own server's workers follow every run
 * (lib/server/feed-watcher.ts) whoever started it, so a run started in one of them (the admin's
 * button, the cron route) is not followed twice there.
 */
export async function followFeedRunWithoutWatcher(changes: FeedPageChanges & { offerSkus: string[] }): Promise<void> {
  if (!process.env.VERCEL) return
  const tags = feedChangeTags(changes)
  if (tags.length > 0) expire(tags)
  await forgetOffers(changes.offerSkus)
}
