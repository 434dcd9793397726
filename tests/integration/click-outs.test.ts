// "Buy at the shop" through /go/<sku>: the route handler as the server calls it, against the real
// database. A person's click is counted into its day's row with the campaign from the attribution
// cookie; robots and prefetches are sent on but not counted; bad addresses are refused, storing nothing.
import { beforeAll, describe, expect, it } from 'vitest'
import { NextRequest } from 'next/server'
import { prisma } from '@/lib/db/client'
import { GET as goToShop } from '@/app/go/[sku]/route'
import { campaignOf } from '@/lib/http/click-out'
import { createProduct } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'

useFreshDatabase()

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 [FBAN/FBIOS]'
const fromFacebookAd = `lb_attribution=${encodeURIComponent(
  JSON.stringify({
    utm_source: 'Facebook',
    utm_medium: 'paid',
    utm_campaign: 'autumn',
    landedAt: '2026-11-29T10:00:00Z',
  }),
)}`

function click(sku: string, query = '', headers: Record<string, string> = {}, method = 'GET') {
  const request = new NextRequest(`http://localhost/go/${encodeURIComponent(sku)}${query}`, {
    method,
    headers: { 'user-agent': PHONE, ...headers },
  })
  return goToShop(request, { params: Promise.resolve({ sku }) })
}

const rows = () =>
  prisma().clickOutCount.findMany({ orderBy: [{ sku: 'asc' }, { fromSlug: 'asc' }, { source: 'asc' }] })

let sku: string
beforeAll(async () => {
  const product = await createProduct(prisma(), { sku: 'GO-1', shopUrl: 'https://shop.example.com/p/go-1?size=m' })
  sku = product.sku
})

describe('a shop click', () => {
  it('sends the visitor to the shop with the campaign parameters, and counts the click once a day per page and campaign', async () => {
    const response = await click(sku, '?from=outfit/city-walk', { cookie: fromFacebookAd })
    expect(response.status).toBe(302)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const location = new URL(response.headers.get('location')!)
    expect(location.origin + location.pathname).toBe('https://shop.example.com/p/go-1')
    expect(Object.fromEntries(location.searchParams)).toEqual({
      size: 'm',
      utm_source: 'lookbook',
      utm_medium: 'campaign',
      utm_campaign: 'autumn-edit',
      utm_content: 'outfit-city-walk',
    })

    await click(sku, '?from=outfit/city-walk', { cookie: fromFacebookAd })
    await click(sku, '?from=product/go-1') // no campaign: came straight to the site
    const berlinToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date())
    expect((await rows()).map(({ day, ...row }) => ({ day: day.toISOString().slice(0, 10), ...row }))).toEqual([
      {
        day: berlinToday,
        sku,
        fromType: 'outfit',
        fromSlug: 'city-walk',
        source: 'facebook',
        medium: 'paid',
        campaign: 'autumn',
        count: 2,
      },
      { day: berlinToday, sku, fromType: 'product', fromSlug: 'go-1', source: '', medium: '', campaign: '', count: 1 },
    ])
  })

  it('sends robots, prefetches and HEAD requests on without counting them', async () => {
    const before = await rows()
    for (const [headers, method] of [
      [{ 'user-agent': 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)' }, 'GET'],
      [{ 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }, 'GET'],
      [{ 'user-agent': 'curl/8.5.0' }, 'GET'],
      [{ 'user-agent': '' }, 'GET'],
      [{ 'sec-purpose': 'prefetch;prerender' }, 'GET'],
      [{ purpose: 'prefetch' }, 'GET'],
      [{}, 'HEAD'],
    ] as const) {
      const response = await click(sku, '?from=outfit/city-walk', { cookie: fromFacebookAd, ...headers }, method)
      expect(response.status, JSON.stringify(headers)).toBe(302)
    }
    expect(await rows()).toEqual(before)
  })

  it('refuses a malformed address with 400 and an unknown product with 404, counting nothing', async () => {
    const before = await rows()
    for (const [target, query, status, message] of [
      ['GO 1', '', 400, /letters, digits/],
      [sku, '?from=outfit', 400, /outfit\/<slug>/],
      [sku, '?from=basket/x', 400, /outfit\/<slug>/],
      [sku, '?from=outfit/Not_A_Slug', 400, /outfit\/<slug>/],
      [sku, '?from=outfit/a/b', 400, /outfit\/<slug>/],
      ['NO-SUCH-SKU', '?from=outfit/city-walk', 404, /No product has this sku/],
    ] as const) {
      const response = await click(target, query)
      expect(response.status, `${target}${query}`).toBe(status)
      expect((await response.json()).error).toMatch(message)
    }
    expect(await rows()).toEqual(before)
  })
})

describe('the campaign of a click', () => {
  it('reads the attribution cookie, counts fbclid alone as Facebook and ignores a cookie it did not write', () => {
    expect(campaignOf(`other=1; ${fromFacebookAd}`)).toEqual({ source: 'facebook', medium: 'paid', campaign: 'autumn' })
    const fbclidOnly = `lb_attribution=${encodeURIComponent(JSON.stringify({ fbclid: 'IwAR1' }))}`
    expect(campaignOf(fbclidOnly)).toEqual({ source: 'facebook', medium: 'social', campaign: '' })
    for (const junk of ['lb_attribution=%7Bnot-json', 'lb_attribution=42', 'lb_attribution=null', '', null])
      expect(campaignOf(junk)).toEqual({ source: '', medium: '', campaign: '' })
    const long = `lb_attribution=${encodeURIComponent(JSON.stringify({ utm_source: 'x'.repeat(500) }))}`
    expect(campaignOf(long).source).toHaveLength(100)
  })
})
