// The data behind the landing page: only what shoppers may see, in the right order.
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { getPublishedIdols } from '@/lib/data/idols'
import { getFeaturedOutfits } from '@/lib/data/outfits'
import { createIdol, createMediaRow, createOutfit, createProduct } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'

useFreshDatabase()

describe('landing data', () => {
  it('lists published idols in order, counting only their public outfits', async () => {
    const db = prisma()
    const portrait = await createMediaRow(db, { alt: '' })
    const second = await createIdol(db, { name: 'Second', position: 2, portraitId: portrait.id })
    const first = await createIdol(db, { name: 'First', position: 1 })
    await createIdol(db, { name: 'Hidden', position: 0, published: false })
    await createOutfit(db, { idolId: second.id })
    await createOutfit(db, { idolId: second.id, published: false })
    await createOutfit(db, { idolId: second.id, publishedAt: new Date(Date.now() + 86_400_000) }) // scheduled

    const idols = await getPublishedIdols()
    expect(idols.map((idol) => idol.name)).toEqual(['First', 'Second'])
    expect(idols[0]).toMatchObject({ slug: first.slug, outfitCount: 0, portrait: null })
    expect(idols[1]).toMatchObject({ outfitCount: 1 })
    // A row made without sizes: the page is offered the original only.
    expect(idols[1]!.portrait).toEqual({
      url: `/${portrait.key}`,
      width: 800,
      height: 1000,
      alt: 'Portrait of Second',
      widths: [],
    })
  })

  it('shows featured outfits first, then the newest, never drafts, scheduled ones or hidden idols', async () => {
    const db = prisma()
    const idol = await createIdol(db)
    const hiddenIdol = await createIdol(db, { published: false })
    const products = await Promise.all([createProduct(db), createProduct(db), createProduct(db)])
    const day = 86_400_000
    const old = await createOutfit(db, {
      idolId: idol.id,
      title: 'Old',
      featured: false,
      publishedAt: new Date(Date.now() - 3 * day),
      productIds: products.map((p) => p.id),
    })
    const recent = await createOutfit(db, {
      idolId: idol.id,
      title: 'Recent',
      featured: false,
      publishedAt: new Date(Date.now() - day),
    })
    const featured = await createOutfit(db, {
      idolId: idol.id,
      title: 'Featured',
      featured: true,
      publishedAt: new Date(Date.now() - 10 * day),
    })
    await createOutfit(db, { idolId: idol.id, title: 'Draft', published: false, featured: true })
    await createOutfit(db, {
      idolId: idol.id,
      title: 'Scheduled',
      featured: true,
      publishedAt: new Date(Date.now() + day),
    })
    await createOutfit(db, { idolId: hiddenIdol.id, title: 'Of a hidden idol', featured: true })

    const all = await getFeaturedOutfits(20)
    expect(all.filter((o) => o.idol.slug === hiddenIdol.slug)).toEqual([])
    expect(all[0]?.slug).toBe(featured.slug)
    // (Other tests in this file add outfits too: look at this idol's.)
    const outfits = all.filter((o) => o.idol.slug === idol.slug)
    expect(outfits.map((o) => o.slug)).toEqual([featured.slug, recent.slug, old.slug])
    expect(outfits[2]).toMatchObject({ title: 'Old', itemCount: 3, idol: { slug: idol.slug }, cover: null })
    expect(await getFeaturedOutfits(1)).toHaveLength(1)
  })
})
