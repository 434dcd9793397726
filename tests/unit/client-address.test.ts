// The client's address behind proxies that append to X-Forwarded-For: only the entries our own
// proxies wrote are believed, so a client cannot pick the address its rate limits count under.
import http from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { clientAddress, UNKNOWN_ADDRESS, type AddressRules } from '@/lib/http/client-address'
import { resetSettingsForTests } from '@/lib/env'
import { pinForwardedFor } from '@/lib/server/forwarded-for'

const HEROKU: AddressRules = { proxyHops: 1, onVercel: false }
const CDN_AND_NGINX: AddressRules = { proxyHops: 2, onVercel: false }
const NO_PROXY: AddressRules = { proxyHops: 0, onVercel: false }
const VERCEL: AddressRules = { proxyHops: 1, onVercel: true }

/** A Headers object, as route handlers and server actions have. */
const headers = (values: Record<string, string>) => new Headers(values)
const forwardedFor = (value: string, rules: AddressRules) => clientAddress(headers({ 'x-forwarded-for': value }), rules)

describe('clientAddress behind one proxy (Heroku’s router, one nginx)', () => {
  it('takes the entry the proxy appended, whatever the client wrote before it', () => {
    expect(forwardedFor('198.51.100.23', HEROKU)).toBe('198.51.100.23')
    expect(forwardedFor('1.2.3.4, 198.51.100.23', HEROKU)).toBe('198.51.100.23')
    expect(forwardedFor('10.0.0.1,  192.168.1.1 ,198.51.100.23', HEROKU)).toBe('198.51.100.23')
  })

  it('gives one address for a client that rotates a spoofed first entry on every request', () => {
    const seen = new Set<string>()
    for (let n = 0; n < 30; n++) seen.add(forwardedFor(`203.0.113.${n}, 198.51.100.23`, HEROKU))
    expect([...seen]).toEqual(['198.51.100.23'])
  })

  it('reads garbage before the appended entry as nothing, and garbage in it as unknown', () => {
    for (const spoofed of [',,,', 'not-an-ip', '', ' ', 'x'.repeat(4096), '<script>', '1.2.3.4:80'])
      expect(forwardedFor(`${spoofed}, 198.51.100.23`, HEROKU), spoofed.slice(0, 20)).toBe('198.51.100.23')
    for (const value of ['', ' ', ',', ',,,', 'not-an-ip', '999.1.1.1', '1.2.3', '198.51.100.23:443', 'x'.repeat(65)])
      expect(forwardedFor(value, HEROKU), value.slice(0, 20)).toBe(UNKNOWN_ADDRESS)
  })

  it('leaves out empty entries, but gives up on more than a proxy could write', () => {
    expect(forwardedFor('198.51.100.23,', HEROKU)).toBe('198.51.100.23')
    expect(forwardedFor(`198.51.100.23${', '.repeat(10)}`, HEROKU)).toBe('198.51.100.23')
    expect(forwardedFor(`198.51.100.23${','.repeat(20)}`, HEROKU)).toBe(UNKNOWN_ADDRESS)
  })

  it('answers a very long hostile header by its last entry, without reading the rest', () => {
    const long = `${'203.0.113.7, '.repeat(1200)}198.51.100.23` // ~16 KB, Node's whole header limit
    expect(forwardedFor(long, HEROKU)).toBe('198.51.100.23')
    expect(forwardedFor(`${'1,'.repeat(8000)}not-an-ip`, HEROKU)).toBe(UNKNOWN_ADDRESS)
  })

  it('knows IPv6 addresses, with or without brackets or a zone, and IPv4 written as IPv6', () => {
    expect(forwardedFor('1.2.3.4, 2001:db8::1', HEROKU)).toBe('2001:db8::1')
    expect(forwardedFor('[2001:db8::2]', HEROKU)).toBe('2001:db8::2')
    expect(forwardedFor('fe80::1%eth0', HEROKU)).toBe('fe80::1')
    expect(forwardedFor('::ffff:198.51.100.23', HEROKU)).toBe('198.51.100.23')
    expect(forwardedFor('2001:db8::1::2', HEROKU)).toBe(UNKNOWN_ADDRESS)
    expect(forwardedFor('2001:db8:0:0:0:0:0:0:1', HEROKU)).toBe(UNKNOWN_ADDRESS)
  })

  it('answers unknown when there is no header, and never believes X-Real-IP', () => {
    expect(clientAddress(headers({}), HEROKU)).toBe(UNKNOWN_ADDRESS)
    expect(clientAddress(headers({ 'x-real-ip': '1.2.3.4' }), HEROKU)).toBe(UNKNOWN_ADDRESS)
    expect(clientAddress(headers({ 'x-vercel-forwarded-for': '1.2.3.4' }), HEROKU)).toBe(UNKNOWN_ADDRESS)
    expect(
      clientAddress(headers({ 'x-real-ip': '1.2.3.4', 'x-forwarded-for': '5.6.7.8, 198.51.100.23' }), HEROKU),
    ).toBe('198.51.100.23')
  })

  it('reads raw headers through a lookup, as the production server’s live routes do', () => {
    const raw: Record<string, string> = { 'x-forwarded-for': '1.2.3.4, 198.51.100.23' }
    expect(clientAddress({ get: (name) => raw[name] }, HEROKU)).toBe('198.51.100.23')
  })
})

describe('clientAddress behind two proxies (a CDN in front of nginx)', () => {
  it('takes the address the CDN saw, second from the end', () => {
    expect(forwardedFor('198.51.100.23, 192.0.2.10', CDN_AND_NGINX)).toBe('198.51.100.23')
    expect(forwardedFor('1.2.3.4, 198.51.100.23, 192.0.2.10', CDN_AND_NGINX)).toBe('198.51.100.23')
    expect(forwardedFor('not-an-ip,,, 198.51.100.23 , 192.0.2.10', CDN_AND_NGINX)).toBe('198.51.100.23')
  })

  it('takes the first entry of a shorter list (a request that came past nginx alone)', () => {
    expect(forwardedFor('198.51.100.23', CDN_AND_NGINX)).toBe('198.51.100.23')
    expect(forwardedFor(', 198.51.100.23', CDN_AND_NGINX)).toBe('198.51.100.23')
    expect(forwardedFor(',,,', CDN_AND_NGINX)).toBe(UNKNOWN_ADDRESS)
  })

  it('counts as many hops as it is told', () => {
    const list = '10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5'
    for (let hops = 1; hops <= 5; hops++)
      expect(forwardedFor(list, { proxyHops: hops, onVercel: false })).toBe(`10.0.0.${6 - hops}`)
    expect(forwardedFor(list, { proxyHops: 10, onVercel: false })).toBe('10.0.0.1')
  })
})

describe('clientAddress with no proxy', () => {
  it('takes the one entry the production server wrote there', () => {
    expect(forwardedFor('198.51.100.23', NO_PROXY)).toBe('198.51.100.23')
  })
})

describe('clientAddress on Vercel', () => {
  it('takes Vercel’s own header first, then X-Real-IP, then the first X-Forwarded-For entry', () => {
    const all = {
      'x-vercel-forwarded-for': '198.51.100.1',
      'x-real-ip': '198.51.100.2',
      'x-forwarded-for': '198.51.100.3, 10.0.0.1',
    }
    expect(clientAddress(headers(all), VERCEL)).toBe('198.51.100.1')
    const { 'x-vercel-forwarded-for': _, ...noVercelHeader } = all
    expect(clientAddress(headers(noVercelHeader), VERCEL)).toBe('198.51.100.2')
    expect(clientAddress(headers({ 'x-forwarded-for': all['x-forwarded-for'] }), VERCEL)).toBe('198.51.100.3')
    expect(clientAddress(headers({}), VERCEL)).toBe(UNKNOWN_ADDRESS)
    expect(clientAddress(headers({ 'x-vercel-forwarded-for': 'garbage' }), VERCEL)).toBe(UNKNOWN_ADDRESS)
  })
})

describe('clientAddress from the settings', () => {
  const saved = { hops: process.env.TRUSTED_PROXY_HOPS, vercel: process.env.VERCEL }
  afterEach(() => {
    for (const [name, value] of [
      ['TRUSTED_PROXY_HOPS', saved.hops],
      ['VERCEL', saved.vercel],
    ] as const) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    resetSettingsForTests()
  })
  const sent = headers({
    'x-vercel-forwarded-for': '198.51.100.9',
    'x-forwarded-for': '198.51.100.1, 198.51.100.2, 198.51.100.3',
  })

  it('believes one proxy by default, as many as TRUSTED_PROXY_HOPS says, and Vercel’s header on Vercel', () => {
    delete process.env.TRUSTED_PROXY_HOPS
    delete process.env.VERCEL
    resetSettingsForTests()
    expect(clientAddress(sent)).toBe('198.51.100.3')
    process.env.TRUSTED_PROXY_HOPS = '2'
    resetSettingsForTests()
    expect(clientAddress(sent)).toBe('198.51.100.2')
    process.env.VERCEL = '1'
    resetSettingsForTests()
    expect(clientAddress(sent)).toBe('198.51.100.9')
  })
})

describe('the production server’s X-Forwarded-For (pinForwardedFor)', () => {
  /** The address a real server finds for a request with these headers, after pinning them. */
  async function addressSeenBy(proxyHops: number, sent: Record<string, string>): Promise<string> {
    const server = http.createServer((request, response) => {
      pinForwardedFor(request, proxyHops)
      response.end(
        clientAddress({ get: (name) => request.headers[name] as string | undefined }, { proxyHops, onVercel: false }),
      )
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      const { port } = server.address() as AddressInfo
      return await (await fetch(`http://127.0.0.1:${port}/`, { headers: sent })).text()
    } finally {
      server.close()
    }
  }

  it('with no proxy, uses the connection’s address and nothing the client sent', async () => {
    expect(await addressSeenBy(0, {})).toBe('127.0.0.1')
    expect(await addressSeenBy(0, { 'x-forwarded-for': '1.2.3.4' })).toBe('127.0.0.1')
    expect(await addressSeenBy(0, { 'x-forwarded-for': '1.2.3.4, 5.6.7.8', 'x-real-ip': '9.9.9.9' })).toBe('127.0.0.1')
  })

  it('behind a proxy, keeps what it appended, and uses the connection’s address when there is no header', async () => {
    expect(await addressSeenBy(1, { 'x-forwarded-for': '1.2.3.4, 198.51.100.23' })).toBe('198.51.100.23')
    expect(await addressSeenBy(1, {})).toBe('127.0.0.1')
  })
})
