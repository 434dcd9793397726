import 'server-only'
// "Buy at the shop" clicks: the product's shop link, and the click counted into its day's row
// (ClickOutCount) in the same statement, so a click costs one round trip. Nothing personal is kept:
// the campaign the visitor came by, the page they clicked on, the product and the day.
import { query } from './sql'

export const CLICK_OUT_FROM = ['outfit', 'product', 'idol'] as const
export type ClickOutFrom = { type: (typeof CLICK_OUT_FROM)[number]; slug: string }
export type Campaign = { source: string; medium: string; campaign: string }

// The day is the campaign's (Berlin's) calendar day, the one the report is read in.
const COUNT_AND_READ = `
  WITH product AS (SELECT "shopUrl" FROM "Product" WHERE sku = $1),
  counted AS (
    INSERT INTO "ClickOutCount" (day, sku, "fromType", "fromSlug", source, medium, campaign, count)
    SELECT (now() AT TIME ZONE 'Europe/Berlin')::date, $1, $2, $3, $4, $5, $6, 1 FROM product WHERE $7
    ON CONFLICT (day, sku, "fromType", "fromSlug", source, medium, campaign)
      DO UPDATE SET count = "ClickOutCount".count + 1
  )
  SELECT "shopUrl" FROM product`

/**
 * The shop link of the product with this SKU (null when there is none), counting the click unless
 * `count` is false (robots, prefetches).
 */
export async function clickOut(
  sku: string,
  from: ClickOutFrom | null,
  campaign: Campaign,
  count: boolean,
): Promise<string | null> {
  const rows = await query<{ shopUrl: string }>(COUNT_AND_READ, [
    sku,
    from?.type ?? '',
    from?.slug ?? '',
    campaign.source,
    campaign.medium,
    campaign.campaign,
    count,
  ])
  return rows[0]?.shopUrl ?? null
}
