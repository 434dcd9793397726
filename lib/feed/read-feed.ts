// Any of the three feed formats, told apart by what the feed says it is (its file name or HTTP
// content type) and, failing that, by its first line: XML starts with "<", the TSV header has tabs.
import { readDelimited } from './delimited'
import { readMerchantXml } from './merchant-xml'
import type { FeedEntry } from './records'

export type FeedFormat = 'xml' | 'tsv' | 'csv'

/** What the feed's origin says about it: a file name or URL path, an HTTP Content-Type. */
export type FeedHints = { name?: string; contentType?: string }

export function formatFromHints({ name = '', contentType = '' }: FeedHints): FeedFormat | undefined {
  const type = contentType.toLowerCase()
  if (/[/+]xml\b/.test(type) || /\.xml$/i.test(name)) return 'xml'
  if (type.includes('tab-separated') || /\.(tsv|txt)$/i.test(name)) return 'tsv'
  if (type.includes('text/csv') || /\.csv$/i.test(name)) return 'csv'
  return undefined
}

export function formatFromContent(start: string): FeedFormat {
  const text = start.replace(/^\uFEFF/, '').trimStart()
  if (text.startsWith('<')) return 'xml'
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  return firstLine.includes('\t') ? 'tsv' : 'csv'
}

/** The feed's records as they stream in, whichever its format. */
export async function* readFeed(
  source: AsyncIterable<Uint8Array | string>,
  hints: FeedHints = {},
): AsyncGenerator<FeedEntry> {
  const iterator = source[Symbol.asyncIterator]()
  const first = await iterator.next()
  const head = first.done ? '' : first.value
  const format =
    formatFromHints(hints) ??
    formatFromContent(typeof head === 'string' ? head : Buffer.from(head.subarray(0, 4096)).toString('utf8'))
  // The first chunk was read to look at: the readers get it back in front of the rest.
  async function* whole(): AsyncGenerator<Uint8Array | string> {
    if (!first.done) yield head
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value
  }
  yield* format === 'xml' ? readMerchantXml(whole()) : readDelimited(whole(), format === 'tsv' ? '\t' : ',')
}
