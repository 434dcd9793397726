import 'server-only'
// On-demand invalidation after a write: every cached page and API response that shows the
// changed record is marked stale *and expired*, so the very next request renders it afresh
// (not one stale answer first). Tags are in ./tags.ts; pages tag themselves through their reads.
import { revalidatePath, revalidateTag } from 'next/cache'
import { TAGS } from './tags'

function expire(tags: string[], paths: string[] = []): void {
  // Outside a Next server (scripts, tests) there is no cache to invalidate.
  if (!process.env.NEXT_RUNTIME) return
  for (const tag of new Set(tags)) revalidateTag(tag, { expire: 0 })
  for (const path of paths) revalidatePath(path)
  // The landing page and sitemap list outfits, idols, shots and socials.
  revalidatePath('/landing/current')
  revalidatePath('/sitemap.xml')
}

export function invalidateOutfit(slugs: string[], idolSlugs: string[] = []): void {
  expire([TAGS.outfits, ...slugs.map(TAGS.outfit), TAGS.idols, ...idolSlugs.map(TAGS.idol), TAGS.products, TAGS.shots])
}
