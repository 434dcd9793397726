import { describe, expect, it } from 'vitest'
import { decideListing, queryFromSegment } from '@/lib/proxy/listing-rewrite'
import { attributionFor, trackingParameters, withoutTracking } from '@/lib/proxy/attribution'
import { canonicalProductQuery, parseProductFilter, productListUrl, toggleFilterValue } from '@/lib/data/product-filter'

const url = (path: string) => new URL(path, 'https://lookbook.example.com')

describe('listing rewrites', () => {
  it('maps a listing and its canonical query to one internal route', () => {
    expect(decideListing(url('/products'))).toEqual({ kind: 'rewrite', path: '/lists/products/all' })
    const a = decideListing(url('/products?color=Navy&category=Tops&color=Black'))
    expect(decideListing(url('/products?category=Tops&color=Black,Navy'))).toEqual({
      kind: 'redirect',
      location: '/products?category=Tops&color=Black&color=Navy',
    })
    expect(a).toEqual({
      kind: 'rewrite',
      path: `/lists/products/${encodeURIComponent('category=Tops&color=Black&color=Navy')}`,
    })
    expect(decideListing(url('/outfits?page=2'))).toEqual({ kind: 'rewrite', path: '/lists/outfits/page%3D2' })
    expect(decideListing(url('/idols'))).toEqual({ kind: 'rewrite', path: '/lists/idols/all' })
  })

  it('redirects non-canonical and invalid queries instead of caching them', () => {
    expect(decideListing(url('/products?page=1&sort=newest'))).toEqual({ kind: 'redirect', location: '/products' })
    expect(decideListing(url('/products?colour=Black'))).toEqual({ kind: 'redirect', location: '/products' })
    expect(decideListing(url('/products?sort=cheapest'))).toEqual({ kind: 'redirect', location: '/products' })
    expect(decideListing(url('/outfits?page=0'))).toEqual({ kind: 'redirect', location: '/outfits' })
    expect(decideListing(url('/shots?page=1'))).toEqual({ kind: 'redirect', location: '/shots' })
  })

  it("keeps Next's own _rsc parameter on client navigations", () => {
    expect(decideListing(url('/outfits?page=2&_rsc=abc'))).toEqual({
      kind: 'rewrite',
      path: '/lists/outfits/page%3D2?_rsc=abc',
    })
  })

  it('leaves other paths alone and decodes segments back', () => {
    expect(decideListing(url('/products/some-slug'))).toEqual({ kind: 'none' })
    expect(queryFromSegment('all').toString()).toBe('')
    expect(queryFromSegment(encodeURIComponent('brand=Kōen&page=2')).getAll('brand')).toEqual(['Kōen'])
  })
})

describe('product filters', () => {
  it('parses, canonicalises and toggles', () => {
    const filter = parseProductFilter(new URLSearchParams('size=M&size=S&brand=Basalt&sort=price-asc&page=3'))
    expect(filter).toEqual({ category: [], brand: ['Basalt'], color: [], size: ['M', 'S'], sort: 'price-asc', page: 3 })
    expect(canonicalProductQuery(filter)).toBe('brand=Basalt&page=3&size=M&size=S&sort=price-asc')
    const toggled = toggleFilterValue(filter, 'size', 'M')
    expect(toggled.size).toEqual(['S'])
    expect(toggled.page).toBe(1)
    expect(productListUrl(toggleFilterValue(toggled, 'size', 'S'))).toBe('/products?brand=Basalt&sort=price-asc')
  })

  it('refuses bad values with a readable message', () => {
    expect(() => parseProductFilter(new URLSearchParams('page=abc'))).toThrow(/page must be a whole number/)
    expect(() => parseProductFilter(new URLSearchParams(`color=${'x'.repeat(61)}`))).toThrow(
      /color: at most 20 values of 1 to 60 characters/,
    )
  })
})

describe('attribution', () => {
  it('finds tracking parameters and strips them', () => {
    const landing = url('/outfits/last-light?utm_source=facebook&utm_campaign=autumn&fbclid=IwAR0&color=1')
    expect(trackingParameters(landing)).toEqual({ utm_source: 'facebook', utm_campaign: 'autumn', fbclid: 'IwAR0' })
    expect(withoutTracking(landing).toString()).toBe('https://lookbook.example.com/outfits/last-light?color=1')
    expect(trackingParameters(url('/outfits'))).toBeNull()
    expect(attributionFor(landing, { fbclid: 'x' }, new Date('2026-11-26T00:00:00Z'))).toEqual({
      fbclid: 'x',
      landedAt: '2026-11-26T00:00:00.000Z',
      landingPath: '/outfits/last-light',
    })
  })
})
