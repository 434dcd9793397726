// The product feed's readers (XML, TSV, CSV) and the checks of each record, on feeds written the
// way Merchant Center documents them, cut into awkward chunks, broken and hostile.
import { describe, expect, it } from 'vitest'
import { checkFeedRecord, type FeedProduct } from '@/lib/feed/feed-product'
import { formatFromContent, formatFromHints, readFeed } from '@/lib/feed/read-feed'
import { FeedFormatError, type FeedEntry, type FeedRecord } from '@/lib/feed/records'
import { writeMerchantXml } from '@/lib/feed/merchant-xml-writer'
import { createReadStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">
  <channel>
    <title>Shop</title>
    <link>https://shop.example/</link>
    <item>
      <g:id>SKU-1</g:id>
      <title>Satin Slip Dress — été</title>
      <description><![CDATA[Bias-cut <b>satin</b>, "midi" length & a cowl neck.]]></description>
      <link>https://shop.example/p/sku-1?utm=a&amp;b=c</link>
      <g:image_link>https://cdn.example/sku-1.jpg</g:image_link>
      <g:additional_image_link>https://cdn.example/sku-1-back.jpg</g:additional_image_link>
      <g:additional_image_link>https://cdn.example/sku-1-side.jpg</g:additional_image_link>
      <g:price>129.00 EUR</g:price>
      <g:sale_price>99.50 EUR</g:sale_price>
      <g:availability>in stock</g:availability>
      <g:brand>Maison Nord</g:brand>
      <g:product_type>Women &gt; Clothing &gt; Dresses</g:product_type>
      <g:color>Black/Ivory</g:color>
      <g:size>M</g:size>
      <g:gtin>4006381333931</g:gtin>
      <g:item_group_id>GRP-1</g:item_group_id>
      <g:shipping><g:country>DE</g:country><g:price>4.95 EUR</g:price></g:shipping>
    </item>
    <item>
      <g:id>SKU-2</g:id>
      <g:title>Canvas Tote</g:title>
      <g:link>https://shop.example/p/sku-2</g:link>
      <g:image_link>https://cdn.example/sku-2.jpg</g:image_link>
      <g:price>45 EUR</g:price>
      <g:availability>out_of_stock</g:availability>
      <g:brand>Field &amp; Co</g:brand>
      <g:google_product_category>Apparel &amp; Accessories &gt; Handbags</g:google_product_category>
    </item>
  </channel>
</rss>
`

const DRESS: FeedProduct = {
  sku: 'SKU-1',
  title: 'Satin Slip Dress — été',
  description: 'Bias-cut <b>satin</b>, "midi" length & a cowl neck.',
  link: 'https://shop.example/p/sku-1?utm=a&b=c',
  imageLinks: [
    'https://cdn.example/sku-1.jpg',
    'https://cdn.example/sku-1-back.jpg',
    'https://cdn.example/sku-1-side.jpg',
  ],
  priceCents: 12900,
  salePriceCents: 9950,
  currency: 'EUR',
  availability: 'IN_STOCK',
  brand: 'Maison Nord',
  category: 'Dresses',
  colors: ['Black', 'Ivory'],
  sizes: ['M'],
  gtin: '4006381333931',
  itemGroupId: 'GRP-1',
}

const TOTE: FeedProduct = {
  sku: 'SKU-2',
  title: 'Canvas Tote',
  description: '',
  link: 'https://shop.example/p/sku-2',
  imageLinks: ['https://cdn.example/sku-2.jpg'],
  priceCents: 4500,
  salePriceCents: null,
  currency: 'EUR',
  availability: 'OUT_OF_STOCK',
  brand: 'Field & Co',
  category: 'Handbags',
  colors: [],
  sizes: [],
  gtin: null,
  itemGroupId: null,
}

/** The same feed as bytes, in chunks of `size` bytes (cutting UTF-8 characters in two). */
async function* chunks(text: string | Buffer, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
}

async function entries(source: AsyncIterable<Uint8Array | string>, hints = {}): Promise<FeedEntry[]> {
  const all: FeedEntry[] = []
  for await (const entry of readFeed(source, hints)) all.push(entry)
  return all
}

/** The entries read before the feed was refused, and the refusal. */
async function entriesUntilRefused(source: AsyncIterable<Uint8Array | string>, hints = {}) {
  const read: FeedEntry[] = []
  try {
    for await (const entry of readFeed(source, hints)) read.push(entry)
  } catch (error) {
    return { read, error }
  }
  return { read, error: undefined }
}

function products(all: FeedEntry[]): FeedProduct[] {
  return all.map((entry) => {
    if ('unreadable' in entry) throw new Error(`${entry.where}: ${entry.unreadable}`)
    const checked = checkFeedRecord(entry)
    if ('refused' in checked) throw new Error(`${entry.where}: ${checked.refused}`)
    return checked.product
  })
}

const TSV_HEADER = [
  'ID',
  'Title',
  'Description',
  'Link',
  'Image link',
  'Additional image link',
  'Price',
  'Sale price',
  'Availability',
  'Brand',
  'Product type',
  'Color',
  'Size',
  'GTIN',
  'Item group ID',
]
const TSV_DRESS = [
  'SKU-1',
  'Satin Slip Dress — été',
  'Bias-cut <b>satin</b>, "midi" length & a cowl neck.',
  'https://shop.example/p/sku-1?utm=a&b=c',
  'https://cdn.example/sku-1.jpg',
  'https://cdn.example/sku-1-back.jpg,https://cdn.example/sku-1-side.jpg',
  '129.00 EUR',
  '99.50 EUR',
  'in_stock',
  'Maison Nord',
  'Women > Clothing > Dresses',
  'Black/Ivory',
  'M',
  '4006381333931',
  'GRP-1',
]

describe('the XML feed (Merchant Center RSS)', () => {
  it('reads each item’s own fields: CDATA, entities, repeated images, and not the shipping’s price', async () => {
    expect(products(await entries(chunks(XML)))).toEqual([DRESS, TOTE])
  })

  it('reads the same whatever the chunks, one byte at a time included', async () => {
    expect(products(await entries(chunks(XML, 1)))).toEqual([DRESS, TOTE])
    expect(products(await entries(chunks(XML, 1 << 20)))).toEqual([DRESS, TOTE])
  })

  it('hands over each item as it arrives, without waiting for the rest of the feed', async () => {
    let firstSeen: () => void = () => {}
    const seen = new Promise<void>((resolve) => (firstSeen = resolve))
    const cut = XML.indexOf('<item>', XML.indexOf('</item>'))
    async function* slowFeed() {
      yield XML.slice(0, cut)
      await seen // the rest is sent only once the reader has passed the first item on
      yield XML.slice(cut)
    }
    const read: string[] = []
    for await (const entry of readFeed(slowFeed(), { name: 'feed.xml' })) {
      read.push(entry.where)
      firstSeen()
    }
    expect(read).toEqual(['item 1', 'item 2'])
  })

  it('refuses a feed cut off in the middle, after passing on only the items it read whole', async () => {
    const cut = XML.slice(0, XML.indexOf('<g:price>45'))
    const { read, error } = await entriesUntilRefused(chunks(cut))
    expect(read.map((entry) => entry.where)).toEqual(['item 1'])
    expect(error).toBeInstanceOf(FeedFormatError)
    expect((error as Error).message).toMatch(/^The XML feed cannot be read: .*unclosed/)
  })

  it('refuses entities a DTD declares (no file is read, no entity bomb expands)', async () => {
    const hostile = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>&xxe;</g:id><title>&b;</title></item></channel></rss>`
    const { read, error } = await entriesUntilRefused(chunks(hostile))
    expect(read).toEqual([])
    expect(error).toBeInstanceOf(FeedFormatError)
    expect((error as Error).message).not.toContain('root:')
  })

  it('refuses bytes that are not UTF-8, and a feed that declares another encoding', async () => {
    const latin1 = Buffer.from(XML.replace('été', 'ete'), 'utf8')
    latin1[latin1.indexOf('ete')] = 0xe9
    const notUtf8 = await entriesUntilRefused(chunks(latin1))
    expect((notUtf8.error as Error).message).toBe('The feed is not UTF-8 text: export it as UTF-8 and sync again.')
    const declared = await entriesUntilRefused(chunks(XML.replace('UTF-8', 'ISO-8859-1')))
    expect((declared.error as Error).message).toMatch(/declares the ISO-8859-1 encoding/)
  })

  it('keeps a giant field from filling memory, and the check refuses it', async () => {
    const giant = XML.replace('<g:brand>Maison Nord', `<g:brand>${'x'.repeat(200_000)}`)
    const [dress] = await entries(chunks(giant, 4096))
    expect((dress as FeedRecord).fields.get('brand')![0]!.length).toBeLessThanOrEqual(10_001)
    expect(checkFeedRecord(dress as FeedRecord)).toEqual({
      sku: 'SKU-1',
      refused: 'its brand is longer than 70 characters',
    })
  })
})

describe('the TSV and CSV feeds', () => {
  it('reads a TSV with a byte-order mark and the specification’s spelled-out headers', async () => {
    const tsv = `\uFEFF${TSV_HEADER.join('\t')}\n${TSV_DRESS.join('\t')}\n\n`
    expect(products(await entries(chunks(tsv, 5), { name: 'products.tsv' }))).toEqual([DRESS])
    // Told apart by its tabs when nothing says what it is.
    expect(products(await entries(chunks(tsv)))).toEqual([DRESS])
  })

  it('reads a CSV with quoted commas, quotes and line breaks', async () => {
    const quote = (value: string) => `"${value.replaceAll('"', '""')}"`
    const description = 'Line one, with a comma\nand "quotes" on line two.'
    const row = TSV_DRESS.map((value, index) => (index === 2 ? description : value)).map(quote)
    const csv = `${TSV_HEADER.join(',')}\r\n${row.join(',')}\r\n`
    const [dress] = products(await entries(chunks(csv, 3), { contentType: 'text/csv; charset=utf-8' }))
    expect(dress).toEqual({ ...DRESS, description })
  })

  // Values with neither commas nor quotes, so that only the broken lines are broken.
  const plain = TSV_DRESS.map((value, index) => (index === 2 ? 'Plain' : value.split(',')[0]!))

  it('reports a line with the wrong number of fields by its number, and reads the rest', async () => {
    const lines = [
      TSV_HEADER.join(','),
      plain.slice(0, 5).join(','), // line 2: too few fields
      ['SKU-3', 'The "Quote" Dress', ...plain.slice(2)].join(','), // quotes inside a value: kept
      ['SKU-4', ...plain.slice(1)].join(','),
    ]
    const all = await entries(chunks(`${lines.join('\n')}\n`), { name: 'feed.csv' })
    expect(all.filter((entry) => 'unreadable' in entry)).toEqual([
      { where: 'line 2', unreadable: 'it has 5 fields where the first line names 15' },
    ])
    const read = products(all.filter((entry) => !('unreadable' in entry)))
    expect(read.map((one) => [one.sku, one.title])).toEqual([
      ['SKU-3', 'The "Quote" Dress'],
      ['SKU-4', DRESS.title],
    ])
  })

  it('refuses the whole feed when a quote never closes or a line never ends: the lines after it are lost', async () => {
    const after = ['SKU-6', ...plain.slice(1)].join(',')
    const unclosed = [TSV_HEADER.join(','), ['SKU-5', '"Never closed', ...plain.slice(2)].join(','), after]
    const quote = await entriesUntilRefused(chunks(`${unclosed.join('\n')}\n`), { name: 'feed.csv' })
    expect((quote.error as Error).message).toMatch(
      /^The feed cannot be read past line \d \(Quote Not Closed.*\): the products after it would look removed, so nothing of it is used\.$/,
    )
    const endless = [TSV_HEADER.join('\t'), ['SKU-5', 'x'.repeat(200_000)].join('\t'), after.replaceAll(',', '\t')]
    const long = await entriesUntilRefused(chunks(`${endless.join('\n')}\n`, 4096), { name: 'feed.tsv' })
    expect((long.error as Error).message).toMatch(/^The feed cannot be read past line 2 \(Max Record Size/)
  })

  it('refuses a file whose first line names no id column, and an empty file', async () => {
    const html = await entriesUntilRefused(chunks('Title,Price\nA dress,29.00 EUR\n'), { name: 'feed.csv' })
    expect((html.error as Error).message).toMatch(
      /^The feed's first line names no "id" column \(it names title, price\)/,
    )
    const empty = await entriesUntilRefused(chunks(''), { name: 'feed.tsv' })
    expect((empty.error as Error).message).toBe('The feed is empty: not even a line naming its columns.')
  })
})

describe('telling the formats apart', () => {
  it('believes the name or content type first, then looks at the first line', () => {
    expect(formatFromHints({ contentType: 'application/rss+xml' })).toBe('xml')
    expect(formatFromHints({ contentType: 'text/xml; charset=utf-8' })).toBe('xml')
    expect(formatFromHints({ name: 'https://shop.example/feeds/products.tsv' })).toBe('tsv')
    expect(formatFromHints({ contentType: 'text/tab-separated-values' })).toBe('tsv')
    expect(formatFromHints({ name: 'export.csv' })).toBe('csv')
    expect(formatFromHints({ contentType: 'application/octet-stream' })).toBeUndefined()
    expect(formatFromContent('\uFEFF  <?xml version="1.0"?>')).toBe('xml')
    expect(formatFromContent('id\ttitle\tprice\n')).toBe('tsv')
    expect(formatFromContent('id,title,price\n')).toBe('csv')
  })
})

describe('checking a record', () => {
  const record = (changes: Record<string, string | string[] | undefined>): FeedRecord => {
    const fields = new Map<string, string[]>(
      Object.entries({
        id: 'SKU-9',
        title: 'Wool Coat',
        link: 'https://shop.example/p/sku-9',
        image_link: 'https://cdn.example/sku-9.jpg',
        price: '299.00 EUR',
        availability: 'in_stock',
        brand: 'Nord',
        product_type: 'Coats',
      }).map(([name, value]) => [name, [value]]),
    )
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined) fields.delete(name)
      else fields.set(name, Array.isArray(value) ? value : [value])
    }
    return { where: 'item 1', fields }
  }

  it('accepts the prices and availabilities feeds write', () => {
    const priced = (price: string) => checkFeedRecord(record({ price }))
    expect(priced('299 EUR')).toMatchObject({ product: { priceCents: 29900, currency: 'EUR' } })
    expect(priced('EUR 29.9')).toMatchObject({ product: { priceCents: 2990, currency: 'EUR' } })
    expect(priced('12,50 usd')).toMatchObject({ product: { priceCents: 1250, currency: 'USD' } })
    expect(checkFeedRecord(record({ availability: 'backorder' }))).toMatchObject({
      product: { availability: 'PREORDER' },
    })
    expect(checkFeedRecord(record({ availability: 'Out Of Stock' }))).toMatchObject({
      product: { availability: 'OUT_OF_STOCK' },
    })
  })

  it.each([
    [{ id: undefined }, 'it has no id (the SKU)'],
    [{ price: 'free' }, 'its price "free" is not an amount with a currency, like 29.00 EUR'],
    [{ price: '0.00 EUR' }, 'its price is zero'],
    [{ sale_price: '310.00 EUR' }, 'sale_price 310.00 EUR is not below price 299.00 EUR'],
    [{ sale_price: '99.00 USD' }, 'sale_price is in USD but price is in EUR'],
    [{ availability: 'maybe' }, 'its availability "maybe" is not in_stock, out_of_stock, preorder or backorder'],
    [{ link: 'javascript:alert(1)' }, 'its link is not an http(s) address: javascript:alert(1)'],
    [{ image_link: 'not a url' }, 'its image_link is not a web address: not a url'],
    [{ title: undefined }, 'it has no title'],
    [{ title: 'a'.repeat(151) }, 'its title is longer than 150 characters'],
    [{ title: 'Coat\u202Eyppah' }, 'its title contains control or text-direction characters'],
    [{ title: 'Coat\u0000' }, 'its title contains control or text-direction characters'],
    [{ title: 'Coat \uD800' }, 'its title contains control or text-direction characters'],
    [{ brand: undefined }, 'it has no brand'],
    [
      { product_type: undefined, google_product_category: '2271' },
      'it has no product_type (or google_product_category written out) to file it under',
    ],
    [{ gtin: '12345' }, 'its gtin "12345" is not 8, 12, 13 or 14 digits'],
    [
      { additional_image_link: Array(11).fill('https://cdn.example/a.jpg') },
      'it lists 11 additional images; at most 10 are allowed',
    ],
  ])('refuses %o: %s', (changes, reason) => {
    const { id } = changes as { id?: string }
    expect(checkFeedRecord(record(changes))).toEqual({
      ...('id' in changes && !id ? {} : { sku: 'SKU-9' }),
      refused: reason,
    })
  })

  it('keeps emoji and accents, and makes one line of a title', () => {
    const checked = checkFeedRecord(record({ title: 'Coat 🧥\n été', color: 'Navy / Navy/ Red' }))
    expect(checked).toMatchObject({ product: { title: 'Coat 🧥 été', colors: ['Navy', 'Red'] } })
  })
})

describe('writing a feed (the demo’s)', () => {
  it('writes products that read back the same, escaping what XML must', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'feed-writer-'))
    try {
      const file = path.join(folder, 'feed.xml')
      const odd = {
        ...TOTE,
        sku: 'SKU-3',
        title: 'Tote <"Grande"> & Co',
        description: 'Line one\nline two',
        sizes: ['S', 'M'],
      }
      await writeMerchantXml(file, 'Demo & shop', [DRESS, TOTE, odd])
      expect(products(await entries(createReadStream(file)))).toEqual([DRESS, TOTE, odd])
      expect(await readFile(file, 'utf8')).toContain('<title>Demo &amp; shop</title>')
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})
