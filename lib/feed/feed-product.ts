// One feed record checked and turned into what the catalogue stores, or the reason it is refused.
// Field rules follow Merchant Center's specification where it has one (lengths, price "29.00 EUR",
// availability values); a refused record is skipped and reported with its reason, never guessed at.
import { MAX_FIELD_CHARS, type FeedRecord } from './records'

/** The values of our Availability enum a feed can set (LOW_STOCK is the campaign's own). */
export type FeedAvailability = 'IN_STOCK' | 'OUT_OF_STOCK' | 'PREORDER'

export type FeedProduct = {
  sku: string
  title: string
  description: string
  link: string
  /** image_link first, then additional_image_link in the feed's order; no repeats. */
  imageLinks: string[]
  priceCents: number
  /** Below priceCents when the product is on sale, in the same currency; otherwise null. */
  salePriceCents: number | null
  currency: string
  availability: FeedAvailability
  brand: string
  category: string
  colors: string[]
  sizes: string[]
  gtin: string | null
  itemGroupId: string | null
}

export type CheckedRecord = { product: FeedProduct } | { sku?: string; refused: string }

const AVAILABILITY: Record<string, FeedAvailability> = {
  in_stock: 'IN_STOCK',
  out_of_stock: 'OUT_OF_STOCK',
  preorder: 'PREORDER',
  // Orderable now, delivered later: what a shopper reads as a pre-order.
  backorder: 'PREORDER',
}

/** Merchant Center's limits, in characters. */
const MAX = { id: 50, title: 150, description: 5_000, link: 2_000, brand: 70, category: 750, color: 100, size: 100 }

const MAX_ADDITIONAL_IMAGES = 10

// Control characters (other than tab and newline in a description) and text-direction overrides
// have no place in a product's words: a feed that sends them is broken or hostile.
// Lone surrogates (\p{Cs}) are not text at all.
const UNSHOWABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\p{Cs}]/u

class Refused extends Error {}

export function checkFeedRecord(record: FeedRecord): CheckedRecord {
  const sku = first(record, 'id')
  try {
    if (!sku) throw new Refused('it has no id (the SKU)')
    text('id', sku, MAX.id)
    const price = money('price', required(record, 'price'))
    const sale = first(record, 'sale_price') ? money('sale_price', first(record, 'sale_price')!) : null
    if (sale && sale.currency !== price.currency)
      throw new Refused(`sale_price is in ${sale.currency} but price is in ${price.currency}`)
    if (sale && sale.cents >= price.cents)
      throw new Refused(`sale_price ${first(record, 'sale_price')} is not below price ${first(record, 'price')}`)
    const images = [url('image_link', required(record, 'image_link'))]
    const additional = record.fields.get('additional_image_link') ?? []
    if (additional.length > MAX_ADDITIONAL_IMAGES)
      throw new Refused(`it lists ${additional.length} additional images; at most ${MAX_ADDITIONAL_IMAGES} are allowed`)
    for (const one of additional) images.push(url('additional_image_link', one))
    return {
      product: {
        sku,
        title: text('title', required(record, 'title'), MAX.title),
        description: text('description', first(record, 'description') ?? '', MAX.description, true),
        link: url('link', required(record, 'link')),
        imageLinks: [...new Set(images)],
        priceCents: price.cents,
        salePriceCents: sale?.cents ?? null,
        currency: price.currency,
        availability: availability(required(record, 'availability')),
        brand: text('brand', required(record, 'brand'), MAX.brand),
        category: category(record),
        colors: list('color', first(record, 'color'), '/', MAX.color),
        sizes: list('size', first(record, 'size'), ',', MAX.size),
        gtin: gtin(first(record, 'gtin')),
        itemGroupId: first(record, 'item_group_id') ? text('item_group_id', first(record, 'item_group_id')!, 50) : null,
      },
    }
  } catch (error) {
    if (error instanceof Refused) return { ...(sku ? { sku: sku.slice(0, MAX.id) } : {}), refused: error.message }
    throw error
  }
}

/** A pushed single-product update: what it changes of the offer, values as a feed writes them. */
export type OfferUpdate = { price?: string; sale_price?: string | null; availability?: string }

export type CheckedOfferUpdate =
  | {
      offer: {
        price?: { cents: number; currency: string }
        /** null: the sale ended. */
        salePrice?: { cents: number; currency: string } | null
        availability?: FeedAvailability
      }
    }
  | { refused: string }

/** Checks an update's values by the feed's own rules (the sale against the price is the caller's: it knows the stored one). */
export function checkOfferUpdate(update: OfferUpdate): CheckedOfferUpdate {
  try {
    const offer: Extract<CheckedOfferUpdate, { offer: unknown }>['offer'] = {}
    if (update.price !== undefined) offer.price = money('price', update.price)
    if (update.sale_price !== undefined)
      offer.salePrice =
        update.sale_price === null || update.sale_price === '' ? null : money('sale_price', update.sale_price)
    if (update.availability !== undefined) offer.availability = availability(update.availability)
    return { offer }
  } catch (error) {
    if (error instanceof Refused) return { refused: error.message }
    throw error
  }
}

function first(record: FeedRecord, name: string): string | undefined {
  return record.fields.get(name)?.find((value) => value !== '')
}

function required(record: FeedRecord, name: string): string {
  const value = first(record, name)
  if (!value) throw new Refused(`it has no ${name}`)
  return value
}

function text(name: string, value: string, max: number, multiline = false): string {
  if (value.length > Math.min(max, MAX_FIELD_CHARS)) throw new Refused(`its ${name} is longer than ${max} characters`)
  if (UNSHOWABLE.test(value)) throw new Refused(`its ${name} contains control or text-direction characters`)
  // A title or a colour is one line: line breaks and tabs in it are spaces.
  return multiline ? value : value.replace(/\s+/g, ' ')
}

function url(name: string, value: string): string {
  text(name, value, MAX.link)
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    throw new Refused(`its ${name} is not a web address: ${value.slice(0, 80)}`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new Refused(`its ${name} is not an http(s) address: ${value.slice(0, 80)}`)
  return parsed.href
}

/** "29.00 EUR" (Merchant's form), also "29 EUR", "29,00 EUR" and "EUR 29.00". */
function money(name: string, value: string): { cents: number; currency: string } {
  const trimmed = value.trim()
  const amountFirst = /^(\d{1,9})(?:[.,](\d{1,2}))?\s*([A-Za-z]{3})$/.exec(trimmed)
  const currencyFirst = /^([A-Za-z]{3})\s*(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(trimmed)
  const [whole, fraction = '', currency] = amountFirst
    ? [amountFirst[1], amountFirst[2], amountFirst[3]]
    : currencyFirst
      ? [currencyFirst[2], currencyFirst[3], currencyFirst[1]]
      : []
  if (!whole || !currency)
    throw new Refused(`its ${name} "${trimmed.slice(0, 40)}" is not an amount with a currency, like 29.00 EUR`)
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
  if (cents <= 0) throw new Refused(`its ${name} is zero`)
  return { cents, currency: currency.toUpperCase() }
}

function availability(value: string): FeedAvailability {
  const known = AVAILABILITY[value.trim().toLowerCase().replace(/\s+/g, '_')]
  if (!known)
    throw new Refused(`its availability "${value.slice(0, 40)}" is not in_stock, out_of_stock, preorder or backorder`)
  return known
}

/**
 * The campaign's category: the last step of product_type ("Women > Dresses" → "Dresses"), else of
 * google_product_category when it is written out (a bare numeric id names no category we can show).
 */
function category(record: FeedRecord): string {
  for (const name of ['product_type', 'google_product_category']) {
    const path = first(record, name)
    const last = path?.split('>').at(-1)?.trim()
    if (last && !/^\d+$/.test(last)) return text(name, last, MAX.category)
  }
  throw new Refused('it has no product_type (or google_product_category written out) to file it under')
}

function list(name: string, value: string | undefined, separator: string, max: number): string[] {
  if (!value) return []
  const values = value
    .split(separator)
    .map((one) => one.trim())
    .filter(Boolean)
  for (const one of values) text(name, one, max)
  return [...new Set(values)]
}

function gtin(value: string | undefined): string | null {
  if (!value) return null
  const digits = value.replace(/[\s-]/g, '')
  if (!/^(\d{8}|\d{12,14})$/.test(digits))
    throw new Refused(`its gtin "${value.slice(0, 40)}" is not 8, 12, 13 or 14 digits`)
  return digits
}
