import 'server-only'
// What marketing learns from the campaign, for a range of days (Berlin's calendar): visits by
// campaign link (CampaignVisitCount), likes and comments (their own rows, by the day they were
// made), clicks to the shop (ClickOutCount), and from those the share of visits that went on to
// the shop, per source. Everything here was counted when it happened; this only adds up. Comments
// an editor hid (spam) do not count.
import { z } from 'zod'
import { query } from '@/lib/data/sql'
import { berlinDay } from '@/lib/format'

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day such as 2026-11-29')
export const MAX_REPORT_DAYS = 366

export type ReportRange = { from: string; to: string }

/** The range asked for (from/to as YYYY-MM-DD), else the last 14 days; an error names what is wrong. */
export function reportRange(
  query: URLSearchParams | Record<string, string | string[] | undefined>,
  today = new Date(),
): ReportRange | { error: string } {
  const get = (name: string): unknown => (query instanceof URLSearchParams ? query.get(name) : query[name]) || undefined
  // A real calendar day: 2026-02-31 is refused, not rolled over into March; a repeated one too.
  const isDay = (value: unknown): value is string => {
    if (!isoDay.safeParse(value).success) return false
    const date = new Date(`${value as string}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
  }
  const to = get('to') ?? berlinDay(today)
  if (!isDay(to)) return { error: 'to must be a day such as 2026-11-29.' }
  const from = get('from') ?? berlinDay(new Date(Date.parse(`${to}T12:00:00Z`) - 13 * 86_400_000))
  if (!isDay(from)) return { error: 'from must be a day such as 2026-11-29.' }
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1
  if (days < 1) return { error: 'from must not be after to.' }
  if (days > MAX_REPORT_DAYS) return { error: `A report covers at most ${MAX_REPORT_DAYS} days.` }
  return { from, to }
}

export type DayRow = { day: string; visits: number; likes: number; comments: number; clickOuts: number }
export type SourceRow = { source: string; medium: string; campaign: string; visits: number; clickOuts: number }
export type SubjectRow = { slug: string; name: string; likes: number; comments: number; clickOuts: number }
export type CampaignReport = {
  range: ReportRange
  days: DayRow[]
  totals: Omit<DayRow, 'day'>
  sources: SourceRow[]
  outfits: SubjectRow[]
  products: SubjectRow[]
  idols: SubjectRow[]
}

// A stored UTC time's day in Berlin.
const BERLIN_DAY = (column: string) => `((${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin')::date`
const n = (value: unknown) => Number(value ?? 0)

type CampaignDay = { day: string; source: string; medium: string; campaign: string; visits: number; clickOuts: number }

/** Visits and clicks to the shop per day and campaign, in one query; the report and the CSV sum these. */
async function countsByDayAndCampaign(range: ReportRange): Promise<CampaignDay[]> {
  const rows = await query<{
    day: string
    source: string
    medium: string
    campaign: string
    visits: string
    clicks: string
  }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, source, medium, campaign, sum(visits) AS visits, sum(clicks) AS clicks FROM (
       SELECT day, source, medium, campaign, count AS visits, 0 AS clicks FROM "CampaignVisitCount" WHERE day BETWEEN $1 AND $2
       UNION ALL
       SELECT day, source, medium, campaign, 0, count FROM "ClickOutCount" WHERE day BETWEEN $1 AND $2
     ) counted GROUP BY day, source, medium, campaign ORDER BY day, source, medium, campaign`,
    [range.from, range.to],
  )
  return rows.map((row) => ({ ...row, visits: n(row.visits), clickOuts: n(row.clicks) }))
}

/** Every day of the range with its visits, clicks, likes and comments (hidden comments left out). */
async function dayRows(range: ReportRange, counted: CampaignDay[]): Promise<DayRow[]> {
  const span = [range.from, range.to]
  const [likes, comments] = await Promise.all([
    query<{ day: string; n: string }>(
      `SELECT to_char(${BERLIN_DAY('"createdAt"')}, 'YYYY-MM-DD') AS day, count(*) AS n FROM "Like"
       WHERE ${BERLIN_DAY('"createdAt"')} BETWEEN $1 AND $2 GROUP BY 1`,
      span,
    ),
    query<{ day: string; n: string }>(
      `SELECT to_char(${BERLIN_DAY('"createdAt"')}, 'YYYY-MM-DD') AS day, count(*) AS n FROM "Comment"
       WHERE status <> 'HIDDEN' AND ${BERLIN_DAY('"createdAt"')} BETWEEN $1 AND $2 GROUP BY 1`,
      span,
    ),
  ])
  const byDay = new Map<string, DayRow>()
  for (let at = Date.parse(`${range.from}T12:00:00Z`); at <= Date.parse(`${range.to}T12:00:00Z`); at += 86_400_000) {
    const day = new Date(at).toISOString().slice(0, 10)
    byDay.set(day, { day, visits: 0, likes: 0, comments: 0, clickOuts: 0 })
  }
  for (const row of counted) {
    const day = byDay.get(row.day)
    if (day) {
      day.visits += row.visits
      day.clickOuts += row.clickOuts
    }
  }
  for (const [rows, field] of [
    [likes, 'likes'],
    [comments, 'comments'],
  ] as const)
    for (const row of rows) {
      const day = byDay.get(row.day)
      if (day) day[field] = n(row.n)
    }
  return [...byDay.values()]
}

/** The campaigns, most visits first: each one's visits and clicks over the range. */
function bySource(counted: CampaignDay[]): SourceRow[] {
  const sums = new Map<string, SourceRow>()
  for (const { source, medium, campaign, visits, clickOuts } of counted) {
    const key = JSON.stringify([source, medium, campaign])
    const sum = sums.get(key) ?? { source, medium, campaign, visits: 0, clickOuts: 0 }
    sum.visits += visits
    sum.clickOuts += clickOuts
    sums.set(key, sum)
  }
  const text = (row: SourceRow) => `${row.source}\u0000${row.medium}\u0000${row.campaign}`
  return [...sums.values()].sort(
    (a, b) => b.visits - a.visits || b.clickOuts - a.clickOuts || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0),
  )
}

export async function getCampaignReport(range: ReportRange): Promise<CampaignReport> {
  const span = [range.from, range.to]
  const counted = await countsByDayAndCampaign(range)
  const [days, outfitRows, productRows, idolRows] = await Promise.all([
    dayRows(range, counted),
    query<{ slug: string; name: string; likes: string; comments: string; clicks: string }>(
      `SELECT o.slug, o.title AS name,
         (SELECT count(*) FROM "Like" l WHERE l."targetType" = 'OUTFIT' AND l."targetId" = o.id AND ${BERLIN_DAY('l."createdAt"')} BETWEEN $1 AND $2) AS likes,
         (SELECT count(*) FROM "Comment" c WHERE c."targetType" = 'OUTFIT' AND c."targetId" = o.id AND c.status <> 'HIDDEN' AND ${BERLIN_DAY('c."createdAt"')} BETWEEN $1 AND $2) AS comments,
         (SELECT coalesce(sum(count), 0) FROM "ClickOutCount" k WHERE k."fromType" = 'outfit' AND k."fromSlug" = o.slug AND k.day BETWEEN $1 AND $2) AS clicks
       FROM "Outfit" o`,
      span,
    ),
    query<{ slug: string; name: string; likes: string; comments: string; clicks: string }>(
      `SELECT p.slug, p.name, likes.n AS likes, 0 AS comments, clicks.n AS clicks FROM "Product" p
       LEFT JOIN (SELECT "targetId", count(*) AS n FROM "Like" WHERE "targetType" = 'PRODUCT' AND ${BERLIN_DAY('"createdAt"')} BETWEEN $1 AND $2 GROUP BY "targetId") likes ON likes."targetId" = p.id
       LEFT JOIN (SELECT sku, sum(count) AS n FROM "ClickOutCount" WHERE day BETWEEN $1 AND $2 GROUP BY sku) clicks ON clicks.sku = p.sku
       WHERE likes.n IS NOT NULL OR clicks.n IS NOT NULL`,
      span,
    ),
    // An idol's clicks: from its own page and from the pages of its outfits.
    query<{ slug: string; name: string; likes: string; comments: string; clicks: string }>(
      `SELECT i.slug, i.name,
         (SELECT count(*) FROM "Like" l WHERE l."targetType" = 'IDOL' AND l."targetId" = i.id AND ${BERLIN_DAY('l."createdAt"')} BETWEEN $1 AND $2) AS likes,
         (SELECT count(*) FROM "Comment" c WHERE c."targetType" = 'IDOL' AND c."targetId" = i.id AND c.status <> 'HIDDEN' AND ${BERLIN_DAY('c."createdAt"')} BETWEEN $1 AND $2) AS comments,
         (SELECT coalesce(sum(k.count), 0) FROM "ClickOutCount" k WHERE k.day BETWEEN $1 AND $2 AND (
            (k."fromType" = 'idol' AND k."fromSlug" = i.slug) OR
            (k."fromType" = 'outfit' AND k."fromSlug" IN (SELECT slug FROM "Outfit" WHERE "idolId" = i.id)))) AS clicks
       FROM "Idol" i`,
      span,
    ),
  ])
  const sum = (field: keyof Omit<DayRow, 'day'>) => days.reduce((total, day) => total + day[field], 0)
  const subjects = (rows: { slug: string; name: string; likes: string; comments: string; clicks: string }[]) =>
    rows
      .map((row) => ({
        slug: row.slug,
        name: row.name,
        likes: n(row.likes),
        comments: n(row.comments),
        clickOuts: n(row.clicks),
      }))
      .filter((row) => row.likes + row.comments + row.clickOuts > 0)
      .sort(
        (a, b) =>
          b.clickOuts - a.clickOuts || b.likes - a.likes || b.comments - a.comments || a.slug.localeCompare(b.slug),
      )
  return {
    range,
    days,
    totals: { visits: sum('visits'), likes: sum('likes'), comments: sum('comments'), clickOuts: sum('clickOuts') },
    sources: bySource(counted),
    outfits: subjects(outfitRows),
    products: subjects(productRows),
    idols: subjects(idolRows),
  }
}

/** The report as CSV: one row per day and campaign (visits and clicks to the shop), then the totals per day. */
export async function campaignReportCsv(range: ReportRange): Promise<string> {
  const counted = await countsByDayAndCampaign(range)
  const days = await dayRows(range, counted)
  const lines = [
    ['day', 'source', 'medium', 'campaign', 'visits', 'clicks_to_shop', 'likes', 'comments'],
    ...counted.map((row) => [
      row.day,
      row.source || '(none)',
      row.medium,
      row.campaign,
      row.visits,
      row.clickOuts,
      '',
      '',
    ]),
    ...days.map((day) => [day.day, '(all)', '', '', day.visits, day.clickOuts, day.likes, day.comments]),
  ]
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`
}

// Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a campaign name as a formula.
function csvCell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
