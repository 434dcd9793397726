// Prices as the shop shows them ("€118.95"). Formatted on the server, into the live offers the
// pages fetch: a phone would otherwise load the locale's currency data for its first price, a
// 10–50 ms stall of its main thread while the page is still starting.

// One formatter per currency: making one costs about as much as a hundred uses of it.
const formatters = new Map<string, Intl.NumberFormat>()

export function formatPrice(cents: number, currency: string): string {
  let formatter = formatters.get(currency)
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-IE', { style: 'currency', currency })
    formatters.set(currency, formatter)
  }
  return formatter.format(cents / 100)
}
