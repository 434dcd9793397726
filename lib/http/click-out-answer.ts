// GET /go/<sku>?from=…: "Buy at the shop", counted and sent on. One function for both doors: the
// route handler (app/go/[sku], on Vercel and in `next dev`) and the production server's fast path
// (lib/server/live-routes.ts), so both validate, count and answer alike. Apart from proxy.ts's
// imports: this one reaches the database.
import { hashIp } from '@/lib/crypto/hash'
import { clickOut } from '@/lib/data/click-outs'
import { shopLink } from '@/lib/site'
import { campaignOf, isPersonsRequest, parseClickOut, type HeaderLookup } from './click-out'
import { rateLimit } from './rate-limit'

/** Clicks counted per address in ten minutes at most: a script cannot fill the report. */
const COUNTED_PER_ADDRESS = 60

/** Never stored by a browser or a CDN (each click is counted), never indexed. */
export const CLICK_OUT_HEADERS = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' } as const

export type ClickOutAnswer = { status: 302; location: string } | { status: 400 | 404; error: string }

/** `sku` is the path's last segment as routed (decoded); `ip` the client's address. */
export async function answerClickOut(
  sku: string,
  query: URLSearchParams,
  request: { method: string; headers: HeaderLookup; ip: string },
): Promise<ClickOutAnswer> {
  const parsed = parseClickOut(sku, query)
  if ('error' in parsed) return { status: 400, error: parsed.error }
  let counted = isPersonsRequest(request.method, request.headers)
  if (counted) {
    // A KV outage must not stop a shopper on the way to the shop: the click is then counted unlimited.
    const limit = await rateLimit('go-ip', hashIp(request.ip), COUNTED_PER_ADDRESS, 600).catch(() => null)
    counted = !limit || limit.allowed // still sent on to the shop, just not counted
  }
  const shopUrl = await clickOut(parsed.sku, parsed.from, campaignOf(request.headers.get('cookie')), counted)
  if (!shopUrl) return { status: 404, error: 'No product has this sku.' }
  const content = parsed.from ? `${parsed.from.type}-${parsed.from.slug}` : undefined
  return { status: 302, location: shopLink(shopUrl, content) }
}
