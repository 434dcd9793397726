// The shop click's request (/go/<sku>?from=<outfit|product|idol>/<slug>): what it names, whether
// it is a person's click worth counting, and the campaign the visitor came by.
import { isPossibleSlug } from '@/lib/slug'
import { attributionIn, campaignOfAttribution } from '@/lib/proxy/attribution'
import { CLICK_OUT_FROM, type Campaign, type ClickOutFrom } from '@/lib/data/click-outs'
import { SKU_PATTERN, SKU_RULE } from './offers-query'

export type ClickOutRequest = { sku: string; from: ClickOutFrom | null }

/** A request's headers as far as these rules read them: a fetch Headers, or the server's own lookup. */
export type HeaderLookup = Pick<Headers, 'get' | 'has'>

export function parseClickOut(sku: string, query: URLSearchParams): ClickOutRequest | { error: string } {
  if (!SKU_PATTERN.test(sku)) return { error: SKU_RULE }
  const from = query.get('from')
  if (from === null || from === '') return { sku, from: null }
  const [type, slug, ...rest] = from.split('/')
  if (!CLICK_OUT_FROM.includes(type as ClickOutFrom['type']) || !slug || !isPossibleSlug(slug) || rest.length > 0)
    return { error: 'from names the page the click came from: outfit/<slug>, product/<slug> or idol/<slug>.' }
  return { sku, from: { type: type as ClickOutFrom['type'], slug } }
}

// Link checkers, preview fetchers and crawlers: they follow links, people click them.
const ROBOT =
  /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|facebookcatalog|meta-external|preview|whatsapp|curl\/|wget\/|python-|go-http-client|okhttp|axios|node-fetch|headlessbrowser/i

/** A person's request: not a robot, not a browser fetching ahead of a click that may never come. */
export function isPersonsRequest(method: string, headers: HeaderLookup): boolean {
  if (method !== 'GET') return false
  const purpose = `${headers.get('sec-purpose') ?? ''} ${headers.get('purpose') ?? ''} ${headers.get('x-purpose') ?? ''} ${headers.get('x-moz') ?? ''}`
  if (/prefetch|prerender|preview/i.test(purpose) || headers.has('next-router-prefetch')) return false
  const agent = headers.get('user-agent') ?? ''
  return agent !== '' && !ROBOT.test(agent)
}

/** The campaign in the visitor's attribution cookie (lib/proxy/attribution.ts). */
export function campaignOf(cookieHeader: string | null): Campaign {
  return campaignOfAttribution(attributionIn(cookieHeader))
}
