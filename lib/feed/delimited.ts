// Merchant Center's tab-separated feed, and CSV with the same column names, read as they stream in
// (csv-parse). The first line names the columns; each later line is one product. A line csv-parse
// cannot read (a stray quote) or with another number of fields than the header names is reported
// as unreadable and skipped, never the end of the sync; but a quote that never closes hides every
// line after it, so that refuses the whole feed (a sync would take those products for removed).
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse, type CsvError, type Info } from 'csv-parse'
import {
  addValue,
  FeedFormatError,
  fieldName,
  MAX_FIELD_CHARS,
  utf8Text,
  type FeedEntry,
  type UnreadableRecord,
} from './records'

/**
 * The parser's records; its own refusals of the whole file become FeedFormatError, while errors of
 * the source itself (a dropped connection) go to the caller as they are.
 */
async function* csvRecords(parser: AsyncIterable<unknown>): AsyncGenerator<{ record: string[]; info: Info }> {
  try {
    for await (const entry of parser) yield entry as { record: string[]; info: Info }
  } catch (error) {
    if ((error as CsvError).code?.startsWith('CSV_'))
      throw new FeedFormatError(`The feed cannot be read: ${(error as Error).message}`)
    throw error
  }
}

/**
 * csv-parse's errors after which the lines that follow are lost, not just one: an opening quote that
 * never closes runs to the end of the file (or to the size limit). Other errors cost one line.
 */
const SWALLOWING_ERRORS = new Set(['CSV_QUOTE_NOT_CLOSED', 'CSV_MAX_RECORD_SIZE'])

/** Fields that hold several values in one column, comma-separated (XML repeats the element). */
const LISTED_FIELDS = new Set(['additional_image_link'])

export async function* readDelimited(
  source: AsyncIterable<Uint8Array | string>,
  delimiter: '\t' | ',',
): AsyncGenerator<FeedEntry> {
  // Skips are reported by csv-parse as it reads, ahead of the records still queued for us: each is
  // held until the records before it are passed on, so entries come in the file's order.
  const skipped: { line: number; entry: UnreadableRecord }[] = []
  /** Where a quote never closed (or a line never ended): every line after it is lost. */
  let swallowed: string | undefined
  const skippedBefore = (line: number) => {
    const due = skipped.filter((one) => one.line < line)
    skipped.splice(0, due.length)
    return due.map((one) => one.entry)
  }
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    // A quote inside a value that does not start with one is a character like any other ("midi"
    // length): Merchant's TSV does not quote, and many CSV exports do not escape such quotes.
    relax_quotes: true,
    // Counted below, with a message that says which line and how many fields.
    relax_column_count: true,
    skip_records_with_error: true,
    // One line may not swallow the file (an unclosed quote): longer than any real product's line.
    max_record_size: 16 * MAX_FIELD_CHARS,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return undefined
      const line = Number(error.lines)
      if (SWALLOWING_ERRORS.has(error.code)) swallowed ??= `line ${line} (${error.message})`
      else skipped.push({ line, entry: { where: `line ${line}`, unreadable: error.message } })
      return undefined
    },
  })
  const pumping = pipeline(Readable.from(utf8Text(source)), parser)
  // Iterating below consumes the parser; a failure of the source surfaces from `pumping` too.
  pumping.catch(() => {})

  let header: string[] | undefined
  for await (const { record, info } of csvRecords(parser)) {
    yield* skippedBefore(info.lines)
    if (!header) {
      header = record.map(fieldName)
      if (!header.includes('id'))
        throw new FeedFormatError(
          `The feed's first line names no "id" column (it names ${header.slice(0, 8).join(', ') || 'nothing'}): is it a Merchant Center feed?`,
        )
      continue
    }
    const where = `line ${info.lines}`
    if (record.length !== header.length) {
      yield { where, unreadable: `it has ${record.length} fields where the first line names ${header.length}` }
      continue
    }
    const fields = new Map<string, string[]>()
    header.forEach((name, index) => {
      const value = record[index]!.trim()
      if (!value) return
      const values = LISTED_FIELDS.has(name) ? value.split(',') : [value]
      for (const one of values) if (one.trim()) addValue(fields, name, one.trim())
    })
    yield { where, fields }
  }
  await pumping
  if (swallowed)
    throw new FeedFormatError(
      `The feed cannot be read past ${swallowed}: the products after it would look removed, so nothing of it is used.`,
    )
  yield* skippedBefore(Infinity)
  if (!header) throw new FeedFormatError('The feed is empty: not even a line naming its columns.')
}
