// Route handlers called as the server calls them: validation, status codes, cookies, caching headers.
import { describe, expect, it, beforeAll } from 'vitest'
import { NextRequest } from 'next/server'
import { prisma } from '@/lib/db/client'
import { GET as getOffers } from '@/app/api/offers/route'
import { GET as getLikes, POST as postLike } from '@/app/api/likes/route'
import { GET as getComments, POST as postComment } from '@/app/api/comments/route'
import { GET as getProducts } from '@/app/api/products/route'
import { GET as getProduct } from '@/app/api/products/[slug]/route'
import { GET as getFacetsApi } from '@/app/api/facets/route'
import { GET as getOutfits } from '@/app/api/outfits/route'
import { GET as getOutfit } from '@/app/api/outfits/[slug]/route'
import { GET as getIdols } from '@/app/api/idols/route'
import { GET as getIdol } from '@/app/api/idols/[slug]/route'
import { GET as getShots } from '@/app/api/shots/route'
import { GET as getSocials } from '@/app/api/socials/route'
import { resetSettingsForTests } from '@/lib/env'
import { createIdol, createOutfit, createProduct } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'

useFreshDatabase()

const request = (path: string, init: { method?: string; body?: unknown; cookie?: string; ip?: string } = {}) =>
  new NextRequest(`http://localhost${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      'x-forwarded-for': init.ip ?? '203.0.113.7',
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  })
const visitorCookie = (response: Response) => response.headers.get('set-cookie')?.match(/lb_visitor=([^;]+)/)?.[1]

let outfitSlug: string
let idolSlug: string
beforeAll(async () => {
  const db = prisma()
  const product = await createProduct(db, {
    sku: 'API-1',
    slug: 'api-product',
    priceCents: 4995,
    currency: 'EUR',
    availability: 'LOW_STOCK',
  })
  const idol = await createIdol(db)
  idolSlug = idol.slug
  outfitSlug = (await createOutfit(db, { idolId: idol.id, productIds: [product.id] })).slug
})

describe('offers API', () => {
  it('answers the live price, uncached', async () => {
    const response = await getOffers(request('/api/offers?sku=API-1&sku=unknown'))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      offers: [expect.objectContaining({ sku: 'API-1', priceCents: 4995, currency: 'EUR', availability: 'LOW_STOCK' })],
    })
  })

  it('refuses bad requests with a message', async () => {
    for (const path of [
      '/api/offers',
      '/api/offers?sku=a%20b',
      `/api/offers?${Array.from({ length: 61 }, (_, i) => `sku=S${i}`).join('&')}`,
    ]) {
      const response = await getOffers(request(path))
      expect(response.status).toBe(400)
      expect((await response.json()).error).toMatch(/sku/)
    }
  })
})

describe('likes API', () => {
  it('likes once per visitor, counts live, and unlikes', async () => {
    const first = await postLike(
      request('/api/likes', { method: 'POST', body: { type: 'outfit', slug: outfitSlug, liked: true } }),
    )
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ count: 1, liked: true })
    const visitor = visitorCookie(first)
    expect(visitor).toMatch(/^[0-9a-f-]{36}$/)
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect(first.headers.get('set-cookie')).toMatch(/SameSite=lax/i)
    const cookie = `lb_visitor=${visitor}`

    const again = await postLike(
      request('/api/likes', { method: 'POST', body: { type: 'outfit', slug: outfitSlug, liked: true }, cookie }),
    )
    expect(await again.json()).toEqual({ count: 1, liked: true })
    expect(again.headers.get('set-cookie')).toBeNull()

    const other = await postLike(
      request('/api/likes', { method: 'POST', body: { type: 'outfit', slug: outfitSlug, liked: true } }),
    )
    expect(await other.json()).toEqual({ count: 2, liked: true })

    expect(await (await getLikes(request(`/api/likes?type=outfit&slug=${outfitSlug}`, { cookie }))).json()).toEqual({
      count: 2,
      liked: true,
    })
    expect(await (await getLikes(request(`/api/likes?type=outfit&slug=${outfitSlug}`))).json()).toEqual({
      count: 2,
      liked: false,
    })

    const undo = await postLike(
      request('/api/likes', { method: 'POST', body: { type: 'outfit', slug: outfitSlug, liked: false }, cookie }),
    )
    expect(await undo.json()).toEqual({ count: 1, liked: false })
  })

  it('keeps each record’s count exact under concurrent likes and unlikes, and when likes are deleted', async () => {
    const db = prisma()
    const idol = await createIdol(db)
    const outfit = await createOutfit(db, { idolId: idol.id })
    const target = { targetType: 'OUTFIT' as const, targetId: outfit.id }
    const like = (liked: boolean, cookie?: string) =>
      postLike(request('/api/likes', { method: 'POST', body: { type: 'outfit', slug: outfit.slug, liked }, cookie }))
    const liked = await Promise.all(Array.from({ length: 40 }, () => like(true)))
    const cookies = liked.map((response) => `lb_visitor=${visitorCookie(response)}`)
    const counts = await Promise.all(liked.map(async (response) => (await response.json()).count as number))
    expect(Math.max(...counts)).toBeLessThanOrEqual(40)
    // 15 take theirs back while 10 new visitors like, all at once; then 5 like twice (no change).
    await Promise.all([
      ...cookies.slice(0, 15).map((cookie) => like(false, cookie)),
      ...Array.from({ length: 10 }, () => like(true)),
    ])
    await Promise.all(cookies.slice(20, 25).map((cookie) => like(true, cookie)))
    expect(await db.like.count({ where: target })).toBe(35)
    const state = async () =>
      (await (await getLikes(request(`/api/likes?type=outfit&slug=${outfit.slug}`))).json()).count
    expect(await state()).toBe(35)
    // Spread over several rows, so one look's likes do not queue for one row lock.
    expect((await db.likeCount.findMany({ where: target })).length).toBeGreaterThan(1)
    // Likes written by anything else (the seed, an editor deleting a record) are counted too.
    await db.like.create({ data: { ...target, visitorId: 'written-directly' } })
    expect(await state()).toBe(36)
    await db.like.deleteMany({ where: target })
    expect(await state()).toBe(0)
    expect(await (await like(true)).json()).toEqual({ count: 1, liked: true })
  })

  it('refuses bad input and unknown targets, storing nothing', async () => {
    const before = await prisma().like.count()
    const cases: [unknown, number][] = [
      ['not json', 400],
      [{ type: 'outfit', slug: outfitSlug }, 400],
      [{ type: 'shoe', slug: outfitSlug, liked: true }, 400],
      [{ type: 'outfit', slug: 'no-such-outfit', liked: true }, 404],
    ]
    for (const [body, status] of cases) {
      const response = await postLike(request('/api/likes', { method: 'POST', body }))
      expect(response.status).toBe(status)
      expect((await response.json()).error).toEqual(expect.any(String))
    }
    expect(await prisma().like.count()).toBe(before)
    expect((await getLikes(request('/api/likes?type=outfit'))).status).toBe(400)
  })

  it('limits likes per address too: a script dropping its cookie is a new visitor, not a new address', async () => {
    const likeFrom = (ip: string, liked: boolean) =>
      postLike(request('/api/likes', { method: 'POST', body: { type: 'outfit', slug: outfitSlug, liked }, ip }))
    // 600 in ten minutes from one address (taken back at once: the count is all that matters here).
    for (let i = 0; i < 600; i++) expect((await likeFrom('198.51.100.99', false)).status).toBe(200)
    const refused = await likeFrom('198.51.100.99', true)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('600')
    expect((await refused.json()).error).toMatch(/Too many likes/)
    expect((await likeFrom('198.51.100.100', true)).status).toBe(200) // the neighbour is not affected
  })
})

describe('comments API', () => {
  it('publishes a valid comment and lists it', async () => {
    const response = await postComment(
      request('/api/comments', {
        method: 'POST',
        body: { type: 'outfit', slug: outfitSlug, authorName: '  Mia ', body: 'Love the coat!' },
      }),
    )
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({
      status: 'published',
      comment: { authorName: 'Mia', body: 'Love the coat!' },
    })
    const listed = await (await getComments(request(`/api/comments?type=outfit&slug=${outfitSlug}`))).json()
    expect(listed.comments.map((c: { body: string }) => c.body)).toContain('Love the coat!')
    const stored = await prisma().comment.findFirstOrThrow({ where: { body: 'Love the coat!' } })
    expect(stored.ipHash).not.toContain('203.0.113.7')
    expect(stored.ipHash).toHaveLength(32)
  })

  it('answers field errors and stores nothing for bad input', async () => {
    const before = await prisma().comment.count()
    const response = await postComment(
      request('/api/comments', {
        method: 'POST',
        body: { type: 'outfit', slug: outfitSlug, authorName: '', body: 'x'.repeat(1001) },
      }),
    )
    expect(response.status).toBe(400)
    expect((await response.json()).fields).toEqual({
      authorName: 'Please give a name.',
      body: 'Comments are at most 1000 characters.',
    })
    expect(
      (
        await postComment(
          request('/api/comments', {
            method: 'POST',
            body: { type: 'outfit', slug: 'missing', authorName: 'A', body: 'Hello' },
          }),
        )
      ).status,
    ).toBe(404)
    expect(await prisma().comment.count()).toBe(before)
  })

  it('holds comments for review when COMMENTS_HELD_FOR_REVIEW=true', async () => {
    process.env.COMMENTS_HELD_FOR_REVIEW = 'true'
    resetSettingsForTests()
    try {
      const response = await postComment(
        request('/api/comments', {
          method: 'POST',
          body: { type: 'outfit', slug: outfitSlug, authorName: 'Held', body: 'Waiting for an editor' },
          ip: '192.0.2.50',
        }),
      )
      expect(response.status).toBe(201)
      expect((await response.json()).status).toBe('pending')
      expect((await prisma().comment.findFirstOrThrow({ where: { body: 'Waiting for an editor' } })).status).toBe(
        'PENDING',
      )
      const listed = await (await getComments(request(`/api/comments?type=outfit&slug=${outfitSlug}`))).json()
      expect(listed.comments.map((c: { body: string }) => c.body)).not.toContain('Waiting for an editor')
    } finally {
      delete process.env.COMMENTS_HELD_FOR_REVIEW
      resetSettingsForTests()
    }
  })

  it('rate-limits a visitor', async () => {
    const cookie = `lb_visitor=${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}`
    const statuses = []
    for (let i = 0; i < 7; i++) {
      const response = await postComment(
        request('/api/comments', {
          method: 'POST',
          body: { type: 'outfit', slug: outfitSlug, authorName: 'Spam', body: `Message ${i}` },
          cookie,
          ip: '198.51.100.1',
        }),
      )
      statuses.push(response.status)
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('600')
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429])
  })
})

describe('public read API', () => {
  it('pages and filters products with CDN caching, and refuses bad filters', async () => {
    const response = await getProducts(
      request('/api/products?category=' + encodeURIComponent((await prisma().product.findFirstOrThrow()).category)),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, s-maxage=10, stale-while-revalidate=60')
    const body = await response.json()
    expect(body).toMatchObject({ page: 1, pageCount: 1 })
    expect(JSON.stringify(body)).not.toMatch(/priceCents|availability/)
    expect((await getProducts(request('/api/products?sort=cheap'))).status).toBe(400)
    expect((await getOutfits(request('/api/outfits?page=-1'))).status).toBe(400)
    const facets = await getFacetsApi(request('/api/facets'))
    expect(facets.headers.get('cache-control')).toBe('public, s-maxage=3600, stale-while-revalidate=21600')
  })

  it('lists idols, outfits, shots and socials with editorial caching', async () => {
    const params = (slug: string) => ({ params: Promise.resolve({ slug }) })
    for (const response of [
      await getIdols(),
      await getOutfits(request('/api/outfits')),
      await getShots(request('/api/shots')),
      await getSocials(request('/api/socials?page=2')),
    ]) {
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('public, s-maxage=300, stale-while-revalidate=1800')
      expect((await response.json()).items).toEqual(expect.any(Array))
    }
    expect((await (await getIdol(request(`/api/idols/${idolSlug}`), params(idolSlug))).json()).slug).toBe(idolSlug)
    const outfit = await (await getOutfit(request(`/api/outfits/${outfitSlug}`), params(outfitSlug))).json()
    expect(outfit.items[0].product.sku).toBe('API-1')
    expect(JSON.stringify(outfit)).not.toMatch(/priceCents|LOW_STOCK/)
    expect((await getIdol(request('/api/idols/nobody'), params('nobody'))).status).toBe(404)
    expect((await getOutfit(request('/api/outfits/none'), params('none'))).status).toBe(404)
    expect((await getShots(request('/api/shots?page=x'))).status).toBe(400)
  })

  it('answers 404 for unknown slugs', async () => {
    const response = await getProduct(request('/api/products/nope'), { params: Promise.resolve({ slug: 'nope' }) })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: 'No product "nope".' })
    const found = await getProduct(request('/api/products/api-product'), {
      params: Promise.resolve({ slug: 'api-product' }),
    })
    expect((await found.json()).sku).toBe('API-1')
  })
})
