// A visitor's answer to the consent banner, kept in a first-party cookie for six months. The page's
// own script must read it without asking the server (pages are cached, the same for everyone), so it
// is not httpOnly: it holds no identity, only "granted" or "denied" (decision 025).
import { cookieValue } from '@/lib/http/cookie-value'

export const CONSENT_COOKIE = 'lb_consent'
export const CONSENT_MAX_AGE = 182 * 24 * 3600
export type ConsentChoice = 'granted' | 'denied'

/** The choice in a Cookie header (document.cookie has the same shape), or null when none was made. */
export function consentIn(cookieHeader: string | null | undefined): ConsentChoice | null {
  const value = cookieValue(cookieHeader, CONSENT_COOKIE)
  return value === 'granted' || value === 'denied' ? value : null
}

/** What the browser stores for a choice (document.cookie); Secure wherever the page is HTTPS. */
export function consentCookie(choice: ConsentChoice, secure: boolean): string {
  return `${CONSENT_COOKIE}=${choice}; Path=/; Max-Age=${CONSENT_MAX_AGE}; SameSite=Lax${secure ? '; Secure' : ''}`
}

/** The events measured, in the browser (Meta's pixel) and from the server (Conversions API) alike. */
export const TRACKED_EVENTS = {
  PageView: 'standard',
  ViewContent: 'standard',
  Like: 'custom',
  ShopClick: 'custom',
} as const
export type TrackedEvent = keyof typeof TRACKED_EVENTS
