// Which of an origin answer's headers the front cache keeps, and in what form. Every byte here is
// sent again with each hit: on a phone's page view of 20–30 answers, 100 bytes an answer is 2–3 KB.
import { VARY_HEADERS } from './cacheable-request'

type HeaderList = [string, string | string[]][]

/** Headers that describe one transfer or one origin answer, not the stored response. */
export const NOT_STORED = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'age',
  'x-nextjs-cache',
])

/**
 * Validators an immutable answer (a built file, a stored image) never needs: browsers do not ask
 * again whether it changed. About 100 bytes on each of a page view's 15–20 assets.
 */
const NEVER_REVALIDATED = new Set(['etag', 'last-modified', 'accept-ranges'])

const ROUTER_HEADERS = new Set<string>(VARY_HEADERS)

/** Only a page answers differently to the router's headers: with its HTML or its RSC payload. */
const isPageAnswer = (contentType: string) => /^text\/(html|x-component)\b/i.test(contentType)

/**
 * The headers kept with a stored answer. Next names its router headers in the `Vary` of every
 * answer, route handlers' too; an image, a script or a JSON answer is the same whatever the router
 * sends, so there they only cost bytes (and split a CDN's copies for nothing).
 */
export function storedHeaders(headers: HeaderList, { compressed }: { compressed: boolean }): HeaderList {
  const lookup = (name: string) => String(headers.find(([key]) => key === name)?.[1] ?? '')
  const immutable = /\bimmutable\b/.test(lookup('cache-control'))
  const contentType = lookup('content-type')
  const kept: HeaderList = []
  for (const [name, value] of headers) {
    if (NOT_STORED.has(name) || (immutable && NEVER_REVALIDATED.has(name))) continue
    if (name !== 'vary') kept.push([name, value])
    else {
      const vary = varyFor(value, contentType)
      if (vary) kept.push([name, vary])
    }
  }
  if (compressed) addVaryAcceptEncoding(kept)
  return kept
}

/** An answer's `Vary` without the router's headers unless it is a page's; undefined when empty. */
export function varyFor(vary: string | string[], contentType: string): string | undefined {
  const page = isPageAnswer(contentType)
  const names = varyNames(vary).filter((name) => page || !ROUTER_HEADERS.has(name.toLowerCase()))
  return names.length > 0 ? names.join(', ') : undefined
}

function varyNames(vary: string | string[]): string[] {
  return (Array.isArray(vary) ? vary.join(',') : vary)
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
}

function addVaryAcceptEncoding(headers: HeaderList): void {
  const vary = headers.find(([name]) => name === 'vary')
  if (!vary) headers.push(['vary', 'Accept-Encoding'])
  else if (!/accept-encoding/i.test(String(vary[1]))) vary[1] = `${String(vary[1])}, Accept-Encoding`
}
