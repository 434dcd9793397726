// Prices and days as the site shows them, formatted on the server into what the pages fetch (live
// offers, comments): a phone would otherwise load its locale's currency or calendar data for the
// first one, a 10–50 ms stall of its main thread while the page is still starting.

// One formatter each: making one costs about as much as a hundred uses of it.
const priceFormatters = new Map<string, Intl.NumberFormat>()
const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Europe/Berlin',
})

/** "€118.95" */
export function formatPrice(cents: number, currency: string): string {
  let formatter = priceFormatters.get(currency)
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-IE', { style: 'currency', currency })
    priceFormatters.set(currency, formatter)
  }
  return formatter.format(cents / 100)
}

const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' })

/** "2026-10-15": the campaign's (Berlin's) calendar day of a moment, as the report keys its days. */
export function berlinDay(at: Date): string {
  return BERLIN_DAY.format(at)
}

/** "15 Oct 2026": the campaign's (Berlin's) calendar day of a moment. */
export function formatDay(at: Date): string {
  return DAY.format(at)
}
