import type { Campaign } from '@/lib/data/click-outs'
import { cookieValue } from '@/lib/http/cookie-value'

// Campaign attribution: Facebook and ad links carry ?fbclid= and utm_* on every URL. We keep them
// in a first-party cookie and send the visitor to the clean URL, so these parameters never split
// the page cache into one entry per click.
export const ATTRIBUTION_COOKIE = 'lb_attribution'
export const ATTRIBUTION_MAX_AGE = 30 * 24 * 3600
const TRACKING = /^(utm_(source|medium|campaign|term|content|id)|fbclid|gclid)$/

export type Attribution = Record<string, string> & { landedAt: string; landingPath: string }

/** The tracking parameters of a URL, or null when it has none. */
export function trackingParameters(url: URL): Record<string, string> | null {
  const found: Record<string, string> = {}
  for (const [key, value] of url.searchParams) if (TRACKING.test(key)) found[key] = value.slice(0, 200)
  return Object.keys(found).length ? found : null
}

/** The same URL without tracking parameters. */
export function withoutTracking(url: URL): URL {
  const clean = new URL(url)
  for (const key of [...clean.searchParams.keys()]) if (TRACKING.test(key)) clean.searchParams.delete(key)
  return clean
}

export function attributionFor(url: URL, found: Record<string, string>, now = new Date()): Attribution {
  return { ...found, landedAt: now.toISOString(), landingPath: url.pathname }
}

/** What the attribution cookie in a Cookie header says, or {} when there is none or it is not ours. */
export function attributionIn(cookieHeader: string | null | undefined): Record<string, unknown> {
  const raw = cookieValue(cookieHeader, ATTRIBUTION_COOKIE)
  try {
    const parsed: unknown = raw ? JSON.parse(decodeURIComponent(raw)) : {}
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {}
  } catch {
    return {} // a cookie we did not write
  }
}

const field = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase().slice(0, 100) : '')

/**
 * The campaign that tracking parameters (or the cookie keeping them) name. A Facebook link without
 * utm_* parameters still carries fbclid: that counts as facebook / social.
 */
export function campaignOfAttribution(attribution: Record<string, unknown>): Campaign {
  const fromFacebook = !field(attribution.utm_source) && field(attribution.fbclid) !== ''
  return {
    source: fromFacebook ? 'facebook' : field(attribution.utm_source),
    medium: fromFacebook ? 'social' : field(attribution.utm_medium),
    campaign: field(attribution.utm_campaign),
  }
}
