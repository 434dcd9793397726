// What the front cache keeps of an origin answer's headers (lib/server/stored-headers.ts).
import { describe, expect, it } from 'vitest'
import { storedHeaders, varyFor } from '@/lib/server/stored-headers'

const ROUTER_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch'

describe('stored headers', () => {
  it("keeps the router's headers in a page's Vary, HTML or RSC payload, and adds Accept-Encoding", () => {
    for (const contentType of ['text/html; charset=utf-8', 'text/x-component']) {
      const kept = storedHeaders(
        [
          ['content-type', contentType],
          ['vary', ROUTER_VARY],
          ['etag', '"abc"'],
        ],
        { compressed: true },
      )
      expect(kept).toEqual([
        ['content-type', contentType],
        ['vary', `${ROUTER_VARY}, Accept-Encoding`],
        ['etag', '"abc"'],
      ])
    }
  })

  it("drops the router's headers from any other answer's Vary, and an empty Vary altogether", () => {
    const image = storedHeaders(
      [
        ['content-type', 'image/avif'],
        ['cache-control', 'public, max-age=31536000, immutable'],
        ['vary', ROUTER_VARY],
        ['etag', '"abc"'],
        ['last-modified', 'Mon, 07 Dec 2026 10:00:00 GMT'],
        ['content-length', '1000'],
        ['date', 'Mon, 07 Dec 2026 10:00:00 GMT'],
      ],
      { compressed: false },
    )
    expect(image).toEqual([
      ['content-type', 'image/avif'],
      ['cache-control', 'public, max-age=31536000, immutable'],
    ])
    const json = storedHeaders(
      [
        ['content-type', 'application/json'],
        ['vary', [ROUTER_VARY, 'Origin']],
      ],
      { compressed: true },
    )
    expect(json).toEqual([
      ['content-type', 'application/json'],
      ['vary', 'Origin, Accept-Encoding'],
    ])
  })

  it('keeps validators of answers that are not immutable', () => {
    const kept = storedHeaders(
      [
        ['content-type', 'application/json'],
        ['cache-control', 'public, s-maxage=3'],
        ['etag', '"abc"'],
      ],
      { compressed: false },
    )
    expect(kept).toContainEqual(['etag', '"abc"'])
  })

  it('gives an unstored answer the same Vary', () => {
    expect(varyFor(ROUTER_VARY, 'application/json')).toBeUndefined()
    expect(varyFor(`${ROUTER_VARY}, Accept-Encoding`, 'text/plain')).toBe('Accept-Encoding')
    expect(varyFor(ROUTER_VARY, 'text/html')).toBe(ROUTER_VARY)
  })
})
