// What the feed readers hand the sync: one record per product the feed lists, with each field's raw
// values by Google Merchant Center name, or the reason a record could not be read at all. A feed that
// cannot be read as a whole (truncated XML, not UTF-8) is a FeedFormatError instead: nothing of it
// may be applied, since a cut-off feed would look like a feed that dropped products.

/** One listed product: where it is in the feed (for reports) and its fields' values as written. */
export type FeedRecord = { where: string; fields: Map<string, string[]> }

/** A record the reader had to skip (a CSV line with a stray quote, say), and why. */
export type UnreadableRecord = { where: string; unreadable: string }

export type FeedEntry = FeedRecord | UnreadableRecord

export class FeedFormatError extends Error {}

/**
 * Longest value kept of one field. Merchant's longest field (description) allows 5,000 characters;
 * a reader keeps one more than this, so a longer value is refused by the field checks, not cut.
 */
export const MAX_FIELD_CHARS = 10_000

/**
 * A column header or element name as Merchant's field name: "Image link", "g:image_link" and
 * "image-link" are all image_link (the specification's TSV headers may use either spelling).
 */
export function fieldName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^g:/, '')
    .replace(/[\s-]+/g, '_')
}

/** Adds a value to a field, keeping at most MAX_FIELD_CHARS + 1 characters of it. */
export function addValue(fields: Map<string, string[]>, name: string, value: string): void {
  const kept = value.length > MAX_FIELD_CHARS ? value.slice(0, MAX_FIELD_CHARS + 1) : value
  const values = fields.get(name)
  if (values) values.push(kept)
  else fields.set(name, [kept])
}

/** UTF-8 text from bytes as they arrive; bytes that are not UTF-8 make the whole feed unreadable. */
export async function* utf8Text(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    for await (const chunk of source) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    const rest = decoder.decode()
    if (rest) yield rest
  } catch (error) {
    if (error instanceof TypeError && /encoded data was not valid/i.test(error.message))
      throw new FeedFormatError('The feed is not UTF-8 text: export it as UTF-8 and sync again.')
    throw error
  }
}
