// Public addresses carry slugs; a slug no record can have (a NUL byte, capitals, 300 characters)
// is unknown without asking the database, and leaves no entry in the data cache.
import { isPossibleSlug } from '@/lib/slug'

export function forPossibleSlugs<T>(read: (slug: string) => Promise<T | null>): (slug: string) => Promise<T | null> {
  return (slug) => (isPossibleSlug(slug) ? read(slug) : Promise.resolve(null))
}
