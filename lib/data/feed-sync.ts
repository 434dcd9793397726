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
import { prisma, type Prisma } from '@/lib/db/client'
import { checkFeedRecord, type FeedProduct } from '@/lib/feed/feed-product'
import { readFeed } from '@/lib/feed/read-feed'
import { FeedFormatError } from '@/lib/feed/records'
import type { FeedSnapshot } from '@/lib/feed/source'
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

export type FeedSyncReport = {
  runId: string | null
  status: 'SUCCEEDED' | 'REFUSED' | 'FAILED'
  dryRun: boolean
  listed: number
  created: number
  updated: number
  unchanged: number
  deactivated: number
  rejected: number
  rejectedRows: RejectedRecord[]
  message: string
  changes: FeedChanges
}

export type FeedSyncOptions = {
  startedBy: string
  dryRun?: boolean
  /** Apply a feed the guards refuse (empty, or deactivating more than MAX_DEACTIVATED_SHARE). */
  force?: boolean
  /** Called after each applied batch (tests interrupt a run here). */
  afterBatch?: (batch: number) => Promise<void>
}

/** Another run holds the lease. */
export class FeedSyncBusy extends Error {}

const noChanges = (): FeedChanges => ({
  productSlugs: [],
  outfitSlugs: [],
  listings: false,
  offerSkus: [],
  everything: false,
})

export async function syncFeed(snapshot: FeedSnapshot, options: FeedSyncOptions): Promise<FeedSyncReport> {
  const dryRun = options.dryRun ?? false
  const run = dryRun ? null : await startRun(snapshot.source, options)
  const report: FeedSyncReport = {
    runId: run?.id ?? null,
    status: 'SUCCEEDED',
    dryRun,
    listed: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deactivated: 0,
    rejected: 0,
    rejectedRows: [],
    message: '',
    changes: { ...noChanges(), everything: run?.tookOverInterrupted ?? false },
  }
  try {
    const whole = await checkWhole(snapshot, report)
    const refusal = whole.refusal && !options.force ? whole.refusal : undefined
    if (refusal) {
      report.status = 'REFUSED'
      report.message = refusal
    } else {
      await apply(snapshot, report, { dryRun, runId: run?.id, afterBatch: options.afterBatch })
      await deactivateMissing(whole.skus, report, dryRun)
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

async function checkWhole(snapshot: FeedSnapshot, report: FeedSyncReport) {
  const skus = new Set<string>()
  const reject = (rejected: RejectedRecord) => {
    report.rejected += 1
    if (report.rejectedRows.length < KEPT_REJECTED) report.rejectedRows.push(rejected)
  }
  for await (const product of usableProducts(snapshot, reject)) skus.add(product.sku)
  report.listed = skus.size + report.rejected
  if (skus.size === 0)
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
  const [row] = await prisma().$queryRaw<{ missing: number; active: number }[]>`
    SELECT count(*) FILTER (WHERE NOT (sku = ANY(${[...skus]}::text[])))::int AS missing, count(*)::int AS active
    FROM "Product" WHERE active`
  return row!
}

// ---- 2. Applied in batches ----------------------------------------------------------------------

const compared = {
  id: true,
  sku: true,
  slug: true,
  name: true,
  description: true,
  nameEditedAt: true,
  descriptionEditedAt: true,
  shopUrl: true,
  active: true,
  brand: true,
  category: true,
  colors: true,
  sizes: true,
  gtin: true,
  itemGroupId: true,
  feedImageUrls: true,
  priceCents: true,
  salePriceCents: true,
  currency: true,
  availability: true,
} as const satisfies Prisma.ProductSelect

type StoredProduct = Prisma.ProductGetPayload<{ select: typeof compared }>

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

/** Upserts one batch in one transaction; returns the ids of products whose page changed. */
async function applyBatch(batch: FeedProduct[], report: FeedSyncReport, dryRun: boolean): Promise<string[]> {
  const stored = await prisma().product.findMany({
    where: { sku: { in: batch.map((one) => one.sku) } },
    select: compared,
  })
  const bySku = new Map(stored.map((row) => [row.sku, row]))
  const creates: FeedProduct[] = []
  const updates: { row: StoredProduct; data: Prisma.ProductUpdateInput }[] = []
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
    updates.push({ row, data: change.data })
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
  await prisma().$transaction([
    prisma().product.createMany({ data: creates.map((product, index) => newProduct(product, slugs[index]!)) }),
    ...updates.map(({ row, data }) => prisma().product.update({ where: { id: row.id }, data, select: { id: true } })),
  ])
  report.changes.productSlugs.push(...slugs)
  report.changes.offerSkus.push(...creates.map((product) => product.sku))
  return pageChanged
}

function newProduct(product: FeedProduct, slug: string): Prisma.ProductCreateManyInput {
  return { slug, sku: product.sku, name: product.title, description: product.description, ...feedOwned(product) }
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
 * The update that brings a stored product in step with the feed, or null when it is. Offer changes
 * touch no page (offers load live); the rest changes the product's page, some of it listings too.
 */
function differences(row: StoredProduct, product: FeedProduct) {
  const wanted: Record<string, unknown> = feedOwned(product)
  if (!row.nameEditedAt) wanted.name = product.title
  if (!row.descriptionEditedAt) wanted.description = product.description
  const data: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(wanted))
    if (!sameValue(row[field as keyof StoredProduct], value)) data[field] = value
  const changed = Object.keys(data)
  if (changed.length === 0) return null
  const offer = OFFER_FIELDS.some((field) => field in data)
  if (offer) data.offerUpdatedAt = new Date()
  return {
    data: data as Prisma.ProductUpdateInput,
    offer,
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
 * that is taken. Two exact-match queries per batch, whatever the catalogue's size.
 */
async function slugsFor(products: FeedProduct[]): Promise<string[]> {
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
  const rows = await prisma().$queryRaw<
    { slug: string }[]
  >`SELECT slug FROM "Product" WHERE slug = ANY(${candidates}::text[])`
  return rows.map((row) => row.slug)
}

async function outfitsWearing(productIds: string[]): Promise<string[]> {
  if (productIds.length === 0) return []
  const rows = await prisma().$queryRaw<{ slug: string }[]>`
    SELECT DISTINCT o.slug FROM "Outfit" o JOIN "OutfitItem" i ON i."outfitId" = o.id
    WHERE i."productId" = ANY(${productIds}::text[])`
  return rows.map((row) => row.slug)
}

// ---- 3. Products the feed no longer lists ----------------------------------------------------

async function deactivateMissing(skus: Set<string>, report: FeedSyncReport, dryRun: boolean) {
  const listed = [...skus]
  const rows = dryRun
    ? await prisma().$queryRaw<{ id: string; slug: string; sku: string }[]>`
        SELECT id, slug, sku FROM "Product" WHERE active AND NOT (sku = ANY(${listed}::text[]))`
    : await prisma().$queryRaw<{ id: string; slug: string; sku: string }[]>`
        UPDATE "Product" SET active = false, "offerUpdatedAt" = now(), "updatedAt" = now()
        WHERE active AND NOT (sku = ANY(${listed}::text[])) RETURNING id, slug, sku`
  report.deactivated = rows.length
  if (rows.length === 0) return
  report.changes.listings = true
  report.changes.productSlugs.push(...rows.map((row) => row.slug))
  report.changes.offerSkus.push(...rows.map((row) => row.sku))
  const outfits = await outfitsWearing(rows.map((row) => row.id))
  report.changes.outfitSlugs = [...new Set([...report.changes.outfitSlugs, ...outfits])]
}

// ---- Runs and the lease ---------------------------------------------------------------------------

async function startRun(source: string, options: FeedSyncOptions) {
  const run = await prisma().feedRun.create({
    data: { source, startedBy: options.startedBy, forced: options.force ?? false },
    select: { id: true },
  })
  try {
    const tookOverInterrupted = await takeLease(run.id)
    return { id: run.id, tookOverInterrupted }
  } catch (error) {
    await prisma().feedRun.delete({ where: { id: run.id } })
    throw error
  }
}

/** Takes the lease for a run; true when it lapsed under a run that was killed. */
async function takeLease(runId: string): Promise<boolean> {
  await prisma().feedLock.createMany({ data: [{ id: 1 }], skipDuplicates: true })
  const now = new Date()
  const before = await prisma().feedLock.findUniqueOrThrow({ where: { id: 1 } })
  const { count } = await prisma().feedLock.updateMany({
    where: { id: 1, OR: [{ runId: null }, { heldUntil: { lt: now } }] },
    data: { runId, heldUntil: new Date(now.getTime() + LEASE_MS) },
  })
  if (count === 0) {
    const holder = before.runId ? await prisma().feedRun.findUnique({ where: { id: before.runId } }) : null
    throw new FeedSyncBusy(
      `Another sync is running${holder ? ` (started ${holder.startedAt.toISOString()} by ${holder.startedBy})` : ''}: try again when it has finished.`,
    )
  }
  if (!before.runId) return false
  const { count: interrupted } = await prisma().feedRun.updateMany({
    where: { id: before.runId, status: 'RUNNING' },
    data: { status: 'INTERRUPTED', finishedAt: now, message: 'Stopped before it finished; the next run completed it.' },
  })
  return interrupted > 0
}

async function renewLease(runId: string) {
  const { count } = await prisma().feedLock.updateMany({
    where: { id: 1, runId },
    data: { heldUntil: new Date(Date.now() + LEASE_MS) },
  })
  if (count === 0)
    throw new Error('The sync lost its lease (a batch took over a minute): another run may have taken over.')
}

async function finishRun(runId: string, report: FeedSyncReport) {
  const { created, updated, unchanged, deactivated, rejected, listed, status, message } = report
  await prisma().$transaction([
    prisma().feedRun.update({
      where: { id: runId },
      data: {
        status,
        message,
        finishedAt: new Date(),
        ...{ listed, created, updated, unchanged, deactivated, rejected },
        rejectedRows: report.rejectedRows,
      },
    }),
    prisma().feedLock.updateMany({ where: { id: 1, runId }, data: { runId: null } }),
  ])
}
