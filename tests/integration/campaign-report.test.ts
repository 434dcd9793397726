// The campaign report against the real database: visits counted in memory and added in one
// statement per flush (several processes add up), clicks to the shop, likes and comments, summed
// per day, per campaign (with the share of visits that clicked), per outfit, product and idol; and
// its CSV, safe to open in a spreadsheet.
import { beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { countCampaignVisit, flushCampaignVisits } from '@/lib/data/campaign-visits'
import { clickOut } from '@/lib/data/click-outs'
import { campaignReportCsv, getCampaignReport, reportRange } from '@/lib/data/admin/campaign-report'
import { createIdol, createOutfit, createProduct } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'

useFreshDatabase()

// The database's day in Berlin (clicks are dated by it), not this process's: one clock for both.
let today: string
const facebook = { source: 'facebook', medium: 'paid', campaign: 'autumn' }
const google = { source: 'google', medium: 'cpc', campaign: '=HYPERLINK("http://evil")' }
let outfit: { id: string; slug: string; title: string }
let idol: { id: string; slug: string; name: string }
let product: { id: string; sku: string; slug: string; name: string }

beforeAll(async () => {
  const db = prisma()
  const [row] = await db.$queryRaw<
    { day: string }[]
  >`SELECT to_char(now() AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS day`
  today = row!.day
  product = await createProduct(db, { sku: 'REPORT-1' })
  idol = await createIdol(db)
  outfit = await createOutfit(db, { idolId: idol.id, productIds: [product.id] })
})

describe('the campaign report', () => {
  it('adds up visits, clicks, likes and comments per day, campaign, outfit, product and idol', async () => {
    // Two processes count visits on their own and each adds its sums.
    for (let i = 0; i < 3; i++) countCampaignVisit(facebook)
    countCampaignVisit(google)
    await flushCampaignVisits()
    countCampaignVisit(facebook)
    await flushCampaignVisits()
    await flushCampaignVisits() // nothing held: writes nothing
    expect(await prisma().campaignVisitCount.findMany({ orderBy: { source: 'asc' } })).toEqual([
      expect.objectContaining({ source: 'facebook', medium: 'paid', campaign: 'autumn', count: 4 }),
      expect.objectContaining({ source: 'google', count: 1 }),
    ])

    await clickOut(product.sku, { type: 'outfit', slug: outfit.slug }, facebook, true)
    await clickOut(product.sku, { type: 'product', slug: product.slug }, facebook, true)
    await clickOut(product.sku, { type: 'idol', slug: idol.slug }, { source: '', medium: '', campaign: '' }, true)
    const visitor = (n: number) => `00000000-0000-4000-8000-00000000000${n}`
    await prisma().like.createMany({
      data: [
        { targetType: 'OUTFIT', targetId: outfit.id, visitorId: visitor(1) },
        { targetType: 'OUTFIT', targetId: outfit.id, visitorId: visitor(2) },
        { targetType: 'PRODUCT', targetId: product.id, visitorId: visitor(1) },
        { targetType: 'IDOL', targetId: idol.id, visitorId: visitor(1) },
      ],
    })
    await prisma().comment.create({
      data: {
        targetType: 'OUTFIT',
        targetId: outfit.id,
        authorName: 'Ana',
        body: 'Love it',
        visitorId: visitor(1),
        ipHash: 'x',
        status: 'PUBLISHED',
      },
    })

    const report = await getCampaignReport({ from: today, to: today })
    expect(report.days).toEqual([{ day: today, visits: 5, clickOuts: 3, likes: 4, comments: 1 }])
    expect(report.totals).toEqual({ visits: 5, clickOuts: 3, likes: 4, comments: 1 })
    expect(report.sources).toEqual([
      { ...facebook, visits: 4, clickOuts: 2 },
      { ...google, visits: 1, clickOuts: 0 },
      { source: '', medium: '', campaign: '', visits: 0, clickOuts: 1 },
    ])
    expect(report.outfits).toEqual([{ slug: outfit.slug, name: outfit.title, likes: 2, comments: 1, clickOuts: 1 }])
    expect(report.products).toEqual([{ slug: product.slug, name: product.name, likes: 1, comments: 0, clickOuts: 3 }])
    // An idol's clicks: its own page's and its outfits'.
    expect(report.idols).toEqual([{ slug: idol.slug, name: idol.name, likes: 1, comments: 0, clickOuts: 2 }])

    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    const earlier = await getCampaignReport({ from: yesterday, to: yesterday })
    expect(earlier.totals).toEqual({ visits: 0, clickOuts: 0, likes: 0, comments: 0 })
    expect((await getCampaignReport({ from: yesterday, to: today })).days.map((day) => day.day)).toEqual([
      yesterday,
      today,
    ])
  })

  it('exports CSV a spreadsheet opens safely', async () => {
    const csv = await campaignReportCsv({ from: today, to: today })
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe('day,source,medium,campaign,visits,clicks_to_shop,likes,comments')
    expect(lines).toContain(`${today},facebook,paid,autumn,4,2,,`)
    expect(lines).toContain(`${today},google,cpc,"'=HYPERLINK(""http://evil"")",1,0,,`)
    expect(lines).toContain(`${today},(all),,,5,3,4,1`)
  })

  it('reads the range asked for, the last 14 days by default, and says what is wrong with a bad one', () => {
    expect(reportRange({}, new Date('2026-11-29T10:00:00Z'))).toEqual({ from: '2026-11-16', to: '2026-11-29' })
    expect(reportRange(new URLSearchParams('from=2026-11-01&to=2026-11-03'))).toEqual({
      from: '2026-11-01',
      to: '2026-11-03',
    })
    expect(reportRange({ from: '2026-11-05', to: '2026-11-01' })).toEqual({ error: 'from must not be after to.' })
    expect(reportRange({ from: 'yesterday' })).toEqual({ error: 'from must be a day such as 2026-11-29.' })
    expect(reportRange({ from: '2024-01-01', to: '2026-01-01' })).toEqual({
      error: 'A report covers at most 366 days.',
    })
    expect(reportRange({ to: 'garbage' })).toEqual({ error: 'to must be a day such as 2026-11-29.' })
    expect(reportRange({ from: '2026-13-01' })).toEqual({ error: 'from must be a day such as 2026-11-29.' })
    expect(reportRange({ from: '2026-02-01', to: '2026-02-31' })).toEqual({
      error: 'to must be a day such as 2026-11-29.',
    })
    expect(reportRange({ to: ['2026-11-01', '2026-11-02'] })).toEqual({ error: 'to must be a day such as 2026-11-29.' })
  })
})
