// Slugs (the last part of a public address) made from titles and names, in one place for the seed
// and the admin: "Zoë & Co." → "zoe-and-co".

/** What every slug looks like: lowercase letters and digits in words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/
export const SLUG_MAX_LENGTH = 80

/** Whether a record could have this slug: anything else is unknown without asking the database. */
export function isPossibleSlug(value: string): boolean {
  return value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value)
}

export function slugify(text: string, fallback = ''): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 70)
      .replace(/-+$/, '') || fallback
  )
}

/** The first of base, base-2, base-3… that `taken` does not hold. */
export function firstFreeSlug(base: string, taken: Set<string>): string {
  let slug = base
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`
  return slug
}
