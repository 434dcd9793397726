import 'server-only'
// The products task: brings the catalogue in step with the shop's feed (docs/decisions/023-product-feed-sync.md).
//
// 1. The whole feed is read and checked first, changing nothing: a feed that cannot be read to its
//    end, lists no usable product, or would deactivate more than a fifth of the active products is
//    refused as a whole (unless forced), and the catalogue stays as it was.
// 2. It is then read again and applied in batches of 500, each batch one short transaction, so
//    editors' saves never wait long on a sync. Every batch is an upsert by SKU that compares before
//    writing: an unchanged product is not written, and a second run of the same feed changes nothing.
// 3. Products the feed no longer lists are deactivated (never deleted: outfits keep showing them).
//
// The feed owns the offer, the shop link, images, brand, category, colours, sizes, GTIN and group;
// editors own the name and description once they have changed them. A sync never bumps a product's
// editorial version. One run at a time: a lease in FeedLock, renewed as batches go; a killed run's
// lease lapses, and the next run marks it interrupted and, since it cannot know what that run
// changed, expires every product page once.
import { checkFeedRecord, type FeedProduct } from '@/lib/feed/feed-product'
import { readFeed } from '@/lib/feed/read-feed'
import { FeedFormatError } from '@/lib/feed/records'
import { FeedFetchError, shownSource, snapshotFeed, type FeedSnapshot, type FetchLimits } from '@/lib/feed/source'
import { storeFeedImages, type FeedImagesOptions, type ImageProblem } from './feed-images'
import { newId, NOW_UTC as NOW, query } from './sql'
import { firstFreeSlug, slugify } from '@/lib/slug'

/** A full feed may deactivate at most this share of the active products unless forced. */
export const MAX_DEACTIVATED_SHARE = 0.2
const BATCH_SIZE = 500
/** How long a run holds the lease without renewing it; batches renew it every few seconds. */
const LEASE_MS = 60_000
/** Rejected records kept with a run for the admin (all are counted). */
const KEPT_REJECTED = 500

export type RejectedRecord = { where: string; sku?: string; reason: string }

/** What a run changed, for the caller to expire: pages and API answers, listings, offers. */
export type FeedChanges = {
  /** Products whose page shows something new (words, images, brand, filters, added, removed). */
  productSlugs: string[]
  /** Outfits that wear one of those products: their pages show its card. */
  outfitSlugs: string[]
  /** Whether listings and facets change: a product added, removed, renamed or refiled. */
  listings: boolean
  /** SKUs whose offer changed: the offers cache forgets them (no page shows an offer). */
  offerSkus: string[]
  /** A run before this one was killed half-way: what it changed is unknown, so all of it. */
  everything: boolean
}

/** What became of a feed's records in a run. */
export type FeedRunCounts = {
  listed: number
  created: number
  updated: number
  unchanged: number
  deactivated: number
  rejected: number
}

export type FeedSyncReport = FeedRunCounts & {
  runId: string | null
  /** The image step (lib/data/feed-images.ts): products brought in step, products left for later. */
  imagesStored: number
  imagesWaiting: number
  imageProblems: ImageProblem[]
  status: 'SUCCEEDED' | 'REFUSED' | 'FAILED'
  dryRun: boolean
  rejectedRows: RejectedRecord[]
  message: string
  changes: FeedChanges
}

/** A run in brief, for its log line and the cron route's answer: its id, outcome and counts. */
export function feedRunSummary(report: FeedSyncReport) {
  const { runId, status, message, listed, created, updated, unchanged, deactivated, rejected } = report
  return { runId, status, message, listed, created, updated, unchanged, deactivated, rejected }
}

export type FeedSyncOptions = {
  startedBy: string
  dryRun?: boolean
  /** Apply a feed the guards refuse (empty, or deactivating more than MAX_DEACTIVATED_SHARE). */
  force?: boolean
  /** Called after each applied batch (tests interrupt a run here). */
  afterBatch?: (batch: number) => Promise<void>
  /** Store the feed's images (the default); false leaves them pending for a later run. */
  images?: boolean | FeedImagesOptions
}

/** Another run holds the lease. */
export class FeedSyncBusy extends Error {}

export async function syncFeed(snapshot: FeedSnapshot, options: FeedSyncOptions): Promise<FeedSyncReport> {
  const dryRun = options.dryRun ?? false
  const run = dryRun ? null : await startRun(snapshot.source, options)
  const report = emptyReport(run?.id ?? null, dryRun)
  report.changes.everything = run?.tookOverInterrupted ?? false
  try {
    const whole = await checkWhole(snapshot, report)
    const refusal = whole.refusal && !options.force ? whole.refusal : undefined
    if (refusal) {
      report.status = 'REFUSED'
      report.message = refusal
    } else {
      await apply(snapshot, report, { dryRun, runId: run?.id, afterBatch: options.afterBatch })
      await deactivateMissing(whole.skus, report, dryRun)
      if (run && options.images !== false) await storeImages(report, run.id, options.images)
    }
  } catch (error) {
    if (!(error instanceof FeedFormatError)) {
      if (run) await finishRun(run.id, { ...report, status: 'FAILED', message: (error as Error).message })
      throw error
    }
    report.status = 'REFUSED'
    report.message = `${error.message} Nothing was changed.`
  }
  if (run) await finishRun(run.id, report)
  return report
}

/**
 * A sync from an address or a file, as the command line, the worker and the cron route run it: the
 * feed fetched (a feed that cannot be fetched is a FAILED run, recorded, with nothing changed) and
 * synced. What the run changed is expired by the servers that follow the runs.
 */
export async function syncFeedFrom(
  source: string,
  options: FeedSyncOptions & { limits?: FetchLimits },
): Promise<FeedSyncReport> {
  let snapshot: FeedSnapshot
  try {
    snapshot = await snapshotFeed(source, options.limits)
  } catch (error) {
    if (!(error instanceof FeedFetchError)) throw error
    const message = `${error.message} Nothing was changed.`
    const runId = options.dryRun ? null : await recordFailedFetch(shownSource(source), options.startedBy, message)
    return { ...emptyReport(runId, options.dryRun ?? false), status: 'FAILED', message }
  }
  try {
    return await syncFeed(snapshot, options)
  } finally {
    await snapshot.discard()
  }
}

function emptyReport(runId: string | null, dryRun: boolean): FeedSyncReport {
  return {
    runId,
    status: 'SUCCEEDED',
    dryRun,
    listed: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deactivated: 0,
    rejected: 0,
    rejectedRows: [],
    imagesStored: 0,
    imagesWaiting: 0,
    imageProblems: [],
    message: '',
    changes: { productSlugs: [], outfitSlugs: [], listings: false, offerSkus: [], everything: false },
  }
}

// ---- 1. The whole feed, checked -----------------------------------------------------------------

/** The feed's usable products in order; rejected records (and repeated SKUs) go to the report. */
async function* usableProducts(snapshot: FeedSnapshot, reject: (rejected: RejectedRecord) => void) {
  const seen = new Set<string>()
  for await (const entry of readFeed(snapshot.open(), snapshot.hints)) {
    if ('unreadable' in entry) {
      reject({ where: entry.where, reason: entry.unreadable })
      continue
    }
    const checked = checkFeedRecord(entry)
    if ('refused' in checked) reject({ where: entry.where, sku: checked.sku, reason: checked.refused })
    else if (seen.has(checked.product.sku))
      reject({ where: entry.where, sku: checked.product.sku, reason: 'its id is listed before: the first one is used' })
    else {
      seen.add(checked.product.sku)
      yield checked.product
    }
  }
}

/**
 * Reads the whole feed once, counting and keeping its rejections. Returns the SKUs it lists —
 * usable or rejected: a product whose record is broken this time is skipped, not taken for
 * removed — and why it must not be applied, if it must not.
 */
async function checkWhole(snapshot: FeedSnapshot, report: FeedSyncReport) {
  const skus = new Set<string>()
  let usable = 0
  const reject = (rejected: RejectedRecord) => {
    report.rejected += 1
    if (rejected.sku) skus.add(rejected.sku)
    if (report.rejectedRows.length < KEPT_REJECTED) report.rejectedRows.push(rejected)
  }
  for await (const product of usableProducts(snapshot, reject)) {
    usable += 1
    skus.add(product.sku)
  }
  report.listed = usable + report.rejected
  if (usable === 0)
    return {
      skus,
      refusal: `The feed lists no usable product (${report.listed} records, all rejected): nothing was changed.`,
    }
  const { missing, active } = await countMissing(skus)
  if (active > 0 && missing / active > MAX_DEACTIVATED_SHARE)
    return {
      skus,
      refusal:
        `The feed leaves out ${missing} of the ${active} active products (${Math.round((100 * missing) / active)} %), ` +
        `more than the ${MAX_DEACTIVATED_SHARE * 100} % a sync may deactivate: nothing was changed. ` +
        'Check the feed; if the shop really dropped them, sync again with --force (or "Sync anyway" in /admin/feed).',
    }
  return { skus, refusal: undefined }
}

async function countMissing(skus: Set<string>): Promise<{ missing: number; active: number }> {
  const [row] = await query<{ missing: number; active: number }>(
    `SELECT count(*) FILTER (WHERE NOT (sku = ANY($1::text[])))::int AS missing, count(*)::int AS active
     FROM "Product" WHERE active`,
    [[...skus]],
  )
  return row!
}

// ---- 2. Applied in batches ----------------------------------------------------------------------

/** What a batch compares with the feed, as stored: the feed's own fields under the same names. */
type FeedKept = 'sku' | 'description' | 'brand' | 'category' | 'colors' | 'sizes' | 'gtin' | 'itemGroupId'
type StoredProduct = Pick<FeedProduct, FeedKept | 'priceCents' | 'salePriceCents' | 'currency'> & {
  id: string
  slug: string
  name: string
  nameEdited: boolean
  descriptionEdited: boolean
  shopUrl: string
  active: boolean
  feedImageUrls: string[]
  /** Ours may also be LOW_STOCK, which no feed sends. */
  availability: string
}

async function apply(
  snapshot: FeedSnapshot,
  report: FeedSyncReport,
  { dryRun, runId, afterBatch }: { dryRun: boolean; runId?: string; afterBatch?: (batch: number) => Promise<void> },
) {
  let batch: FeedProduct[] = []
  let batches = 0
  const changedProductIds: string[] = []
  const flush = async () => {
    if (batch.length === 0) return
    changedProductIds.push(...(await applyBatch(batch, report, dryRun)))
    batch = []
    batches += 1
    if (runId) await renewLease(runId)
    await afterBatch?.(batches)
  }
  // Rejections were counted by the check: this reading only applies.
  for await (const product of usableProducts(snapshot, () => {})) {
    batch.push(product)
    if (batch.length >= BATCH_SIZE) await flush()
  }
  await flush()
  report.changes.outfitSlugs = await outfitsWearing(changedProductIds)
}

/** Upserts one batch in one statement; returns the ids of products whose page changed. */
async function applyBatch(batch: FeedProduct[], report: FeedSyncReport, dryRun: boolean): Promise<string[]> {
  const stored = await query<StoredProduct>(
    `SELECT id, sku, slug, name, description, "nameEditedAt" IS NOT NULL AS "nameEdited",
       "descriptionEditedAt" IS NOT NULL AS "descriptionEdited", "shopUrl", active, brand, category, colors, sizes,
       gtin, "itemGroupId", "feedImageUrls", "priceCents", "salePriceCents", currency, availability::text AS availability
     FROM "Product" WHERE sku = ANY($1::text[])`,
    [batch.map((one) => one.sku)],
  )
  const bySku = new Map(stored.map((row) => [row.sku, row]))
  const creates: FeedProduct[] = []
  const updates: { row: StoredProduct; product: FeedProduct }[] = []
  const pageChanged: string[] = []
  for (const product of batch) {
    const row = bySku.get(product.sku)
    if (!row) {
      creates.push(product)
      continue
    }
    const change = differences(row, product)
    if (!change) {
      report.unchanged += 1
      continue
    }
    updates.push({ row, product })
    if (change.offer) report.changes.offerSkus.push(row.sku)
    if (change.page) {
      pageChanged.push(row.id)
      report.changes.productSlugs.push(row.slug)
    }
    if (change.listings) report.changes.listings = true
  }
  report.updated += updates.length
  report.created += creates.length
  if (creates.length > 0) report.changes.listings = true
  if (dryRun || (creates.length === 0 && updates.length === 0)) return pageChanged

  const slugs = await slugsFor(creates)
  await upsert([
    ...creates.map((product, index) => ({ id: newId(), slug: slugs[index]!, product })),
    ...updates.map(({ row, product }) => ({ id: row.id, slug: row.slug, product })),
  ])
  // A new product has no page to expire (a page that was not found is never cached), only listings;
  // but the offers cache may remember its SKU as unknown.
  report.changes.offerSkus.push(...creates.map((product) => product.sku))
  return pageChanged
}

/**
 * One statement for a batch's new and changed products, the rows as one JSON parameter: a query of
 * the same text every batch. (Through Prisma's createMany and one update per row, a 50,000-product
 * first sync held some 70 MB more and took half again as long.) Where an editor changed the name
 * or description, the stored one stays; the offer's time moves only when the offer changed.
 */
async function upsert(rows: { id: string; slug: string; product: FeedProduct }[]) {
  const json = JSON.stringify(
    rows.map(({ id, slug, product }) => ({
      id,
      slug,
      sku: product.sku,
      name: product.title,
      description: product.description,
      ...feedOwned(product),
    })),
  )
  await query(
    `INSERT INTO "Product" AS p (id, sku, slug, name, description, "shopUrl", active, brand, category, colors, sizes,
      gtin, "itemGroupId", "feedImageUrls", "feedImagesPending", "priceCents", "salePriceCents", currency, availability, "offerUpdatedAt", "updatedAt")
    SELECT id, sku, slug, name, description, "shopUrl", true, brand, category, colors, sizes,
      gtin, "itemGroupId", "feedImageUrls", cardinality("feedImageUrls") > 0,
      "priceCents", "salePriceCents", currency, availability::"Availability", ${NOW}, ${NOW}
    FROM jsonb_to_recordset($1::jsonb) AS x(id text, sku text, slug text, name text, description text, "shopUrl" text,
      brand text, category text, colors text[], sizes text[], gtin text, "itemGroupId" text, "feedImageUrls" text[],
      "priceCents" int, "salePriceCents" int, currency text, availability text)
    ON CONFLICT (sku) DO UPDATE SET
      name = CASE WHEN p."nameEditedAt" IS NULL THEN EXCLUDED.name ELSE p.name END,
      description = CASE WHEN p."descriptionEditedAt" IS NULL THEN EXCLUDED.description ELSE p.description END,
      "shopUrl" = EXCLUDED."shopUrl", active = true, brand = EXCLUDED.brand, category = EXCLUDED.category,
      colors = EXCLUDED.colors, sizes = EXCLUDED.sizes, gtin = EXCLUDED.gtin, "itemGroupId" = EXCLUDED."itemGroupId",
      "feedImageUrls" = EXCLUDED."feedImageUrls",
      "feedImagesPending" = p."feedImagesPending" OR p."feedImageUrls" IS DISTINCT FROM EXCLUDED."feedImageUrls",
      "feedImagesTriedAt" = CASE WHEN p."feedImageUrls" IS DISTINCT FROM EXCLUDED."feedImageUrls"
        THEN NULL ELSE p."feedImagesTriedAt" END,
      "priceCents" = EXCLUDED."priceCents",
      "salePriceCents" = EXCLUDED."salePriceCents", currency = EXCLUDED.currency, availability = EXCLUDED.availability,
      "offerUpdatedAt" = CASE
        WHEN (p."priceCents", p."salePriceCents", p.currency, p.availability)
          IS DISTINCT FROM (EXCLUDED."priceCents", EXCLUDED."salePriceCents", EXCLUDED.currency, EXCLUDED.availability)
        THEN ${NOW} ELSE p."offerUpdatedAt" END,
      "updatedAt" = ${NOW}`,
    [json],
  )
}

/** The columns the feed owns, as the feed has them now. */
function feedOwned(product: FeedProduct) {
  return {
    shopUrl: product.link,
    active: true,
    brand: product.brand,
    category: product.category,
    colors: product.colors,
    sizes: product.sizes,
    gtin: product.gtin,
    itemGroupId: product.itemGroupId,
    feedImageUrls: product.imageLinks,
    priceCents: product.priceCents,
    salePriceCents: product.salePriceCents,
    currency: product.currency,
    availability: product.availability,
  }
}

const OFFER_FIELDS = ['priceCents', 'salePriceCents', 'currency', 'availability'] as const
/** What listings, facets and product cards show of a product besides its name. */
const LISTED_FIELDS = ['active', 'brand', 'category', 'colors', 'sizes', 'feedImageUrls'] as const

/**
 * How a stored product differs from the feed's, or null when it is in step. Offer changes touch no
 * page (offers load live); the rest changes the product's page, some of it listings too.
 */
function differences(row: StoredProduct, product: FeedProduct) {
  const wanted: Record<string, unknown> = feedOwned(product)
  if (!row.nameEdited) wanted.name = product.title
  if (!row.descriptionEdited) wanted.description = product.description
  const changed = Object.keys(wanted).filter((field) => !sameValue(row[field as keyof StoredProduct], wanted[field]))
  if (changed.length === 0) return null
  return {
    offer: changed.some((field) => (OFFER_FIELDS as readonly string[]).includes(field)),
    page: changed.some((field) => !(OFFER_FIELDS as readonly string[]).includes(field)),
    listings: changed.some((field) => field === 'name' || (LISTED_FIELDS as readonly string[]).includes(field)),
  }
}

function sameValue(stored: unknown, wanted: unknown): boolean {
  if (Array.isArray(stored) && Array.isArray(wanted))
    return stored.length === wanted.length && stored.every((value, index) => value === wanted[index])
  return stored === wanted
}

/**
 * Slugs for new products from their titles, unique among stored products and each other: the
 * title's slug when free, else the title's and the SKU's (unique as the SKU is), numbered if even
 * that is taken. One exact-match query per batch, whatever the catalogue's size.
 */
async function slugsFor(products: FeedProduct[]): Promise<string[]> {
  if (products.length === 0) return []
  const titles = products.map((product) => slugify(product.title, 'product'))
  const withSkus = products.map((product, index) => `${titles[index]}-${slugify(product.sku, 'sku')}`)
  const taken = new Set(await storedSlugs([...titles, ...withSkus]))
  return products.map((_, index) => {
    const slug = taken.has(titles[index]!) ? firstFreeSlug(withSkus[index]!, taken) : titles[index]!
    taken.add(slug)
    return slug
  })
}

async function storedSlugs(candidates: string[]): Promise<string[]> {
  const rows = await query<{ slug: string }>(`SELECT slug FROM "Product" WHERE slug = ANY($1::text[])`, [candidates])
  return rows.map((row) => row.slug)
}

async function outfitsWearing(productIds: string[]): Promise<string[]> {
  if (productIds.length === 0) return []
  const rows = await query<{ slug: string }>(
    `SELECT DISTINCT o.slug FROM "Outfit" o JOIN "OutfitItem" i ON i."outfitId" = o.id
     WHERE i."productId" = ANY($1::text[])`,
    [productIds],
  )
  return rows.map((row) => row.slug)
}

// ---- 3. Products the feed no longer lists ----------------------------------------------------

async function deactivateMissing(skus: Set<string>, report: FeedSyncReport, dryRun: boolean) {
  const listed = [...skus]
  const rows = await query<{ id: string; slug: string; sku: string }>(
    dryRun
      ? `SELECT id, slug, sku FROM "Product" WHERE active AND NOT (sku = ANY($1::text[]))`
      : `UPDATE "Product" SET active = false, "offerUpdatedAt" = ${NOW}, "updatedAt" = ${NOW}
         WHERE active AND NOT (sku = ANY($1::text[])) RETURNING id, slug, sku`,
    [listed],
  )
  report.deactivated = rows.length
  if (rows.length === 0) return
  report.changes.offerSkus.push(...rows.map((row) => row.sku))
  await pagesChanged(report, rows)
}

/** Products whose pages and cards changed after the batches: their pages, their outfits', listings. */
async function pagesChanged(report: FeedSyncReport, products: { id: string; slug: string }[]) {
  report.changes.listings = true
  report.changes.productSlugs = [...new Set([...report.changes.productSlugs, ...products.map((one) => one.slug)])]
  const outfits = await outfitsWearing(products.map((one) => one.id))
  report.changes.outfitSlugs = [...new Set([...report.changes.outfitSlugs, ...outfits])]
}

// ---- 4. Images ------------------------------------------------------------------------------------

/** The image step, under the run's lease: a product whose pictures changed is a changed page. */
async function storeImages(report: FeedSyncReport, runId: string, options: FeedImagesOptions | true | undefined) {
  const outcome = await storeFeedImages({
    ...(typeof options === 'object' ? options : {}),
    afterProduct: () => renewLease(runId),
  })
  report.imagesStored = outcome.stored
  report.imagesWaiting = outcome.waiting
  report.imageProblems = outcome.problems
  if (outcome.changed.length > 0) await pagesChanged(report, outcome.changed)
}

// ---- Runs and the lease ---------------------------------------------------------------------------

async function startRun(source: string, options: FeedSyncOptions) {
  const id = newId()
  await query(`INSERT INTO "FeedRun" (id, source, "startedBy", forced, "startedAt") VALUES ($1, $2, $3, $4, ${NOW})`, [
    id,
    source,
    options.startedBy,
    options.force ?? false,
  ])
  try {
    return { id, tookOverInterrupted: await takeLease(id) }
  } catch (error) {
    await query(`DELETE FROM "FeedRun" WHERE id = $1`, [id])
    throw error
  }
}

/** A run that ended before it began: the feed could not be fetched. It needs no lease. */
async function recordFailedFetch(source: string, startedBy: string, message: string): Promise<string> {
  const id = newId()
  await query(
    `INSERT INTO "FeedRun" (id, source, "startedBy", status, message, "startedAt", "finishedAt")
     VALUES ($1, $2, $3, 'FAILED', $4, ${NOW}, ${NOW})`,
    [id, source, startedBy, message],
  )
  return id
}

/** Takes the lease for a run; true when it lapsed under a run that was killed. */
async function takeLease(runId: string): Promise<boolean> {
  await query(`INSERT INTO "FeedLock" (id, "heldUntil") VALUES (1, ${NOW}) ON CONFLICT (id) DO NOTHING`)
  // The holder before, and the lease taken if free or lapsed: one statement, so no run slips between.
  const [taken] = await query<{ before: string | null; took: boolean }>(
    `WITH before AS (SELECT "runId" FROM "FeedLock" WHERE id = 1 FOR UPDATE),
          took AS (UPDATE "FeedLock" SET "runId" = $1, "heldUntil" = ${NOW} + $2 * interval '1 millisecond'
                   WHERE id = 1 AND ("runId" IS NULL OR "heldUntil" < ${NOW}) RETURNING 1)
     SELECT (SELECT "runId" FROM before) AS before, EXISTS (SELECT 1 FROM took) AS took`,
    [runId, LEASE_MS],
  )
  if (!taken!.took) {
    const [holder] = await query<{ startedAt: string; startedBy: string }>(
      `SELECT to_char("startedAt", 'YYYY-MM-DD HH24:MI:SS "UTC"') AS "startedAt", "startedBy" FROM "FeedRun" WHERE id = $1`,
      [taken!.before],
    )
    throw new FeedSyncBusy(
      `Another sync is running${holder ? ` (started ${holder.startedAt} by ${holder.startedBy})` : ''}: try again when it has finished.`,
    )
  }
  if (!taken!.before) return false
  const interrupted = await query(
    `UPDATE "FeedRun" SET status = 'INTERRUPTED', "finishedAt" = ${NOW},
       message = 'Stopped before it finished; the next run completed it.'
     WHERE id = $1 AND status = 'RUNNING' RETURNING id`,
    [taken!.before],
  )
  return interrupted.length > 0
}

async function renewLease(runId: string) {
  const renewed = await query(
    `UPDATE "FeedLock" SET "heldUntil" = ${NOW} + $2 * interval '1 millisecond' WHERE id = 1 AND "runId" = $1 RETURNING id`,
    [runId, LEASE_MS],
  )
  if (renewed.length === 0)
    throw new Error('The sync lost its lease (a batch took over a minute): another run may have taken over.')
}

/** Records how the run ended and gives the lease back, in one statement. */
async function finishRun(runId: string, report: FeedSyncReport) {
  const { status, message, listed, created, updated, unchanged, deactivated, rejected } = report
  await query(
    `WITH finished AS (
       UPDATE "FeedRun" SET status = $2::"FeedRunStatus", message = $3, "finishedAt" = ${NOW}, listed = $4, created = $5,
         updated = $6, unchanged = $7, deactivated = $8, rejected = $9, "rejectedRows" = $10::jsonb,
         changes = $11::jsonb, "imagesStored" = $12, "imagesWaiting" = $13, "imageProblems" = $14::jsonb
       WHERE id = $1 RETURNING id)
     UPDATE "FeedLock" SET "runId" = NULL WHERE id = 1 AND "runId" = (SELECT id FROM finished)`,
    [
      runId,
      status,
      message,
      listed,
      created,
      updated,
      unchanged,
      deactivated,
      rejected,
      JSON.stringify(report.rejectedRows),
      // What running servers expire (lib/server/feed-watcher.ts). A failed run's changes count too:
      // the batches it applied are found unchanged by the next run.
      hasChanges(report.changes) ? JSON.stringify(report.changes) : null,
      report.imagesStored,
      report.imagesWaiting,
      JSON.stringify(report.imageProblems),
    ],
  )
}

function hasChanges(changes: FeedChanges): boolean {
  return changes.everything || changes.listings || changes.productSlugs.length > 0 || changes.offerSkus.length > 0
}
