// The browser's side of measurement: the visitor's consent (a cookie the page reads itself, see
// lib/tracking/consent.ts), Meta's pixel loaded only after "Accept", and each event sent twice with
// one id: by the pixel, and to our /api/events, which passes it on through the Conversions API.
// Nothing here runs on the server; without a pixel configured, nothing here does anything.
import { consentCookie, consentIn, TRACKED_EVENTS, type ConsentChoice, type TrackedEvent } from '@/lib/tracking/consent'

export type EventData = { content_ids?: string[]; content_type?: 'product'; content_name?: string }
type Pixel = ((...args: unknown[]) => void) & { callMethod?: (...args: unknown[]) => void; queue: unknown[][] }
declare global {
  interface Window {
    fbq?: Pixel
    _fbq?: Pixel
  }
}

const PIXEL_SCRIPT = 'https://connect.facebook.net/en_US/fbevents.js'
let pixelId: string | null = null
let reopened = false
const listeners = new Set<() => void>()
const changed = () => listeners.forEach((listener) => listener())

/** Called by the layout's island with the site's pixel (null: measurement is off). */
export function configureTracking(id: string | null): void {
  pixelId = id
}

export function subscribeToConsent(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const consentGiven = (): boolean => pixelId !== null && consentIn(document.cookie) === 'granted'

/** Whether the banner shows: measurement is on and the visitor has not chosen, or asked to choose again. */
export const bannerWanted = (): boolean => pixelId !== null && (reopened || consentIn(document.cookie) === null)

export function choose(choice: ConsentChoice): void {
  document.cookie = consentCookie(choice, location.protocol === 'https:')
  if (choice === 'denied') {
    // Meta's own first-party cookies go with a refusal.
    for (const name of ['_fbp', '_fbc']) document.cookie = `${name}=; Path=/; Max-Age=0; Domain=${location.hostname}`
    for (const name of ['_fbp', '_fbc']) document.cookie = `${name}=; Path=/; Max-Age=0`
  }
  // A pixel already loaded on this page stops at once (Meta's own consent switch).
  window.fbq?.('consent', choice === 'granted' ? 'grant' : 'revoke')
  reopened = false
  changed()
}

/** The footer's "Privacy settings": the banner again, to change the choice. */
export function reopenConsent(): void {
  reopened = true
  changed()
}

function loadPixel(id: string): Pixel {
  if (window.fbq) return window.fbq
  // The queue Meta's script looks for: calls made before it loads wait here, then run in order.
  const pixel = ((...args: unknown[]) => {
    if (pixel.callMethod) pixel.callMethod(...args)
    else pixel.queue.push(args)
  }) as Pixel
  // Only the events we send, each with its id: no page view of Meta's own on each client-side
  // navigation (it would have no id to pair with the server's), no automatic click events.
  Object.assign(pixel, { queue: [], push: pixel, loaded: true, version: '2.0', disablePushState: true })
  window.fbq = window._fbq = pixel
  const script = document.createElement('script')
  script.async = true
  script.src = PIXEL_SCRIPT
  document.head.appendChild(script)
  pixel('set', 'autoConfig', false, id)
  pixel('init', id)
  return pixel
}

function eventId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Measures an event, only with consent: the pixel's call and ours share one event id. */
export function trackEvent(name: TrackedEvent, data?: EventData): void {
  if (!pixelId || !consentGiven()) return
  const id = eventId()
  loadPixel(pixelId)(TRACKED_EVENTS[name] === 'standard' ? 'track' : 'trackCustom', name, data ?? {}, { eventID: id })
  const body = JSON.stringify({ name, id, path: location.pathname, ...(data ? { data } : {}) })
  // A beacon outlives the page (a shop click leaves it) and never holds anything up.
  const sent = navigator.sendBeacon?.('/api/events', new Blob([body], { type: 'application/json' }))
  if (!sent)
    void fetch('/api/events', {
      method: 'POST',
      body,
      keepalive: true,
      headers: { 'content-type': 'application/json' },
    }).catch(() => undefined)
}
