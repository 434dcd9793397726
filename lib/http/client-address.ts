// The client's address, for the per-address rate limits and the comments' hashed address: the one
// function every door uses (route handlers, the production server's live routes, the sign-in
// action). A client can write anything into X-Forwarded-For; the proxies in front of us append
// what they saw to the end. So only the entries our own proxies added are believed, counted from
// the end (TRUSTED_PROXY_HOPS), and what a client put before them is never read as its address.
import { isIP } from 'node:net'
import { settings } from '@/lib/env'

/** The address of a request whose address cannot be told: all such requests share one count. */
export const UNKNOWN_ADDRESS = 'unknown'

/** What the address is read from: a Headers object, or a lookup in a raw request's headers. */
export type RequestHeaders = { get(name: string): string | null | undefined }

/**
 * Where the address comes from. proxyHops: how many proxies in front append to X-Forwarded-For (0
 * means none: the production server then puts the connection's own address there, see
 * lib/server/forwarded-for.ts). onVercel: Vercel's own headers, which a client cannot set there.
 */
export type AddressRules = { proxyHops: number; onVercel: boolean }

function rulesFromSettings(): AddressRules {
  const { TRUSTED_PROXY_HOPS, VERCEL } = settings()
  return { proxyHops: TRUSTED_PROXY_HOPS, onVercel: Boolean(VERCEL) }
}

export function clientAddress(headers: RequestHeaders, rules: AddressRules = rulesFromSettings()): string {
  if (rules.onVercel) {
    // Vercel sets these itself and drops what the client sent: the first entry is the client.
    const given = headers.get('x-vercel-forwarded-for') || headers.get('x-real-ip') || headers.get('x-forwarded-for')
    return given ? asAddress(firstEntry(given)) : UNKNOWN_ADDRESS
  }
  const forwardedFor = headers.get('x-forwarded-for')
  if (!forwardedFor) return UNKNOWN_ADDRESS
  // With no proxy the production server wrote the connection's address there, alone: the last entry.
  return asAddress(entryFromEnd(forwardedFor, Math.max(rules.proxyHops, 1)))
}

function firstEntry(list: string): string {
  const comma = list.indexOf(',')
  return (comma === -1 ? list : list.slice(0, comma)).trim()
}

/**
 * Empty entries beyond the ones wanted that are looked at before giving up: a trusted proxy never
 * writes an empty entry, so only a hand-made header has them, and it must not make us walk 16 KB.
 */
const EMPTY_ENTRIES_TOLERATED = 16

/**
 * The entry `hops` from the end of an X-Forwarded-For list, empty entries left out (the last one is
 * hops = 1). A list with fewer entries came past fewer proxies than expected: its first entry then.
 * Walks back from the end, so a long header costs no more than the entries wanted.
 */
function entryFromEnd(list: string, hops: number): string {
  let end = list.length
  let counted = 0
  let entry = ''
  for (let looked = 0; looked < hops + EMPTY_ENTRIES_TOLERATED; looked++) {
    const comma = list.lastIndexOf(',', end - 1)
    const candidate = list.slice(comma + 1, end).trim()
    if (candidate !== '') {
      entry = candidate
      if (++counted === hops) return entry
    }
    // At the start of the list (nothing but an empty entry before a leading comma): the first entry
    // found, or '' when all were empty.
    if (comma <= 0) return entry
    end = comma
  }
  return '' // more empty entries than any proxy writes
}

/** Longest entry worth parsing: an IPv6 address with an IPv4 tail (45), brackets and a zone. */
const LONGEST_ENTRY = 64

/** The entry as a plain IP address, or UNKNOWN_ADDRESS when it is not one. */
function asAddress(entry: string): string {
  if (entry === '' || entry.length > LONGEST_ENTRY) return UNKNOWN_ADDRESS
  let address = entry
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1)
  // A zone (fe80::1%eth0) names the server's own network card, not the client.
  const zone = address.indexOf('%')
  if (zone !== -1) address = address.slice(0, zone)
  // A server listening on IPv6 sees IPv4 clients as ::ffff:a.b.c.d: one client, one address.
  if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) return address.slice(7)
  return isIP(address) === 0 ? UNKNOWN_ADDRESS : address
}
