// What a starting worker warms, and in what order (lib/server/hot-pages.ts, warm-renders.ts).
import { describe, expect, it } from 'vitest'
import { mergeHotPages } from '@/lib/server/hot-pages'
import { rendersToWarm } from '@/lib/server/warm-renders'

const prefetch = { rsc: '1', 'next-router-prefetch': '1' }

describe('the hot list a worker warms', () => {
  it('puts long-lived answers first and pages last, each request once', () => {
    const merged = mergeHotPages(
      [
        { url: '/products', headers: {} },
        { url: '/_next/static/chunks/a.js', headers: {} },
      ],
      [
        { url: '/media/ab/abc-w320.avif', headers: {} },
        { url: '/products', headers: {} },
        { url: '/products', headers: prefetch },
        { url: '/icon.svg', headers: {} },
      ],
    )
    expect(merged.map(({ url, headers }) => `${url} ${Object.keys(headers).length}`)).toEqual([
      '/_next/static/chunks/a.js 0',
      '/media/ab/abc-w320.avif 0',
      '/icon.svg 0',
      '/products 0',
      '/products 2',
    ])
  })
})

describe('the pages a worker renders once before it listens', () => {
  it('takes one page of each kind and answer, and no file, media or API', () => {
    const chosen = rendersToWarm([
      { url: '/_next/static/chunks/a.js', headers: {} },
      { url: '/media/ab/abc-w320.avif', headers: {} },
      { url: '/api/reactions/outfit/a', headers: {} },
      { url: '/outfits/a', headers: {} },
      { url: '/outfits/b', headers: {} },
      { url: '/outfits/b?_rsc=x', headers: prefetch },
      { url: '/outfits', headers: {} },
      { url: '/', headers: {} },
      { url: '/products/p-1', headers: {} },
    ])
    expect(chosen.map((request) => request.url)).toEqual([
      '/outfits/a',
      '/outfits/b?_rsc=x',
      '/outfits',
      '/',
      '/products/p-1',
    ])
  })

  it('renders at most the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ url: `/kind-${i}`, headers: {} }))
    expect(rendersToWarm(many, 12)).toHaveLength(12)
  })
})
