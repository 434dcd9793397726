// Google Merchant Center's XML feed (RSS 2.0 with the g: namespace; Atom's <entry> is read the same
// way), read as it streams in: a 50,000-product feed is never held whole, only the item being read.
//
//   <rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel>
//     <item><g:id>SKU-1</g:id><title>…</title><g:price>29.00 EUR</g:price>…</item>
//
// Only an item's direct children are fields: the price inside <g:shipping> is not the item's price.
// saxes expands only XML's own five entities and never reads a DTD, so an external entity (XXE) or
// an entity bomb in a hostile feed is a parse error, not a file read or a memory blow-up.
import { SaxesParser } from 'saxes'
import { addValue, FeedFormatError, fieldName, MAX_FIELD_CHARS, utf8Text, type FeedRecord } from './records'

const ITEM_ELEMENTS = new Set(['item', 'entry'])

export async function* readMerchantXml(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<FeedRecord> {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const finished: FeedRecord[] = []
  let depth = 0
  /** The open item's depth and fields, while inside one. */
  let item: { depth: number; fields: Map<string, string[]> } | undefined
  let items = 0
  /** The open field (a direct child of the item) and its text so far. */
  let field: { name: string; text: string } | undefined

  parser.on('xmldecl', ({ encoding }) => {
    if (encoding && !/^utf-?8$/i.test(encoding))
      throw new FeedFormatError(`The feed declares the ${encoding} encoding: export it as UTF-8 and sync again.`)
  })
  parser.on('opentag', (tag) => {
    depth += 1
    if (!item) {
      if (ITEM_ELEMENTS.has(tag.local)) item = { depth, fields: new Map() }
    } else if (depth === item.depth + 1) {
      field = { name: fieldName(tag.local), text: '' }
      // Atom writes its link as an attribute: <link href="…"/>.
      const href = tag.attributes.href
      if (field.name === 'link' && href) field.text = typeof href === 'string' ? href : href.value
    }
  })
  const addText = (text: string) => {
    // Past the longest value kept, the rest is not read into memory (the field checks refuse it).
    if (field && item && depth === item.depth + 1 && field.text.length <= MAX_FIELD_CHARS) field.text += text
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', () => {
    if (item && field && depth === item.depth + 1) {
      addValue(item.fields, field.name, field.text.trim())
      field = undefined
    } else if (item && depth === item.depth) {
      items += 1
      finished.push({ where: `item ${items}`, fields: item.fields })
      item = undefined
    }
    depth -= 1
  })
  parser.on('error', (error) => {
    throw new FeedFormatError(`The XML feed cannot be read: ${error.message}`)
  })

  // Errors of the source itself (a dropped connection) go to the caller as they are.
  for await (const text of utf8Text(source)) {
    parser.write(text)
    yield* finished.splice(0)
  }
  // An unclosed element here means the feed was cut off: the error says which one.
  parser.close()
  yield* finished.splice(0)
}
