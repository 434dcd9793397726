import 'server-only'
// The sync's image step: the feed names each product's pictures by address (the shop's CDN); the
// site shows its own copies, stored as media like an editor's upload (checked by content, sized,
// content-addressed), so a page never depends on the shop's CDN, its hotlink rules or its
// uptime, and the CSP keeps images to our own origins.
//
// A product whose feed addresses changed is marked pending by the sync (feedImagesPending). Each
// run stores the images of a bounded number of pending products (the rest wait for the next run,
// and the run says how many), so a first sync of a large catalogue never outlasts a cron call.
// An address seen before is not downloaded again (Media.sourceUrl); one of our own media addresses
// (the demo's feed, a feed written from this catalogue) is used as it is. An image that cannot be
// used for good (404, not an image, too large) is left out and reported; one that may come back (a
// timeout, a 5xx, a 403 from a CDN's bot guard, storage down) keeps the product pending, its current
// images untouched, and sends it to the back of the queue, so a few broken products never hold up
// the rest. A product none of whose new pictures can be used keeps the ones it has.
import { DEFAULT_IMAGE_LIMITS, downloadImage, ImageFetchError, type ImageFetchLimits } from '@/lib/feed/image-download'
import { checkImage, ImageRejected } from '@/lib/media/image-check'
import { mediaStorage } from '@/lib/storage'
import { isMediaKey } from '@/lib/storage/keys'
import { storeByContent } from '@/lib/media/store-by-content'
import { databasePool } from '@/lib/db/pool'
import { newId, NOW_UTC as NOW, query } from './sql'

/** Products whose images one run stores at most, and how long it may spend starting them. */
export const IMAGE_PRODUCTS_PER_RUN = 200
export const IMAGE_STEP_MS = 30_000
/** Products worked on at once, and downloads at once across them: the shop's CDN is not ours to load. */
const CONCURRENCY = 4
/** Image problems kept with a run for the admin (all are counted in the log). */
const KEPT_PROBLEMS = 200

export type ImageProblem = { sku: string; url: string; reason: string }

export type FeedImagesOutcome = {
  /** Products whose images are now the feed's, changed. */
  changed: { id: string; slug: string }[]
  /** Products brought in step (changed or not). */
  stored: number
  /** Products still pending after this run. */
  waiting: number
  problems: ImageProblem[]
}

export type FeedImagesOptions = {
  maxProducts?: number
  budgetMs?: number
  limits?: ImageFetchLimits
  /** Called after each product (the sync renews its lease here). */
  afterProduct?: () => Promise<void>
}

/**
 * One run's memory: an address is resolved once (looked up, or downloaded) however many products
 * show it, and a host whose name is not known is asked once.
 */
type StepMemory = {
  /** Each address's media id, or why there is none. */
  media: Map<string, Promise<string>>
  unknownHosts: Map<string, ImageFetchError>
  /** Every download of the step goes through this: at most CONCURRENCY at once. */
  atOnce: <T>(work: () => Promise<T>) => Promise<T>
}

/** Runs at most `count` of the works given to it at once; the rest wait their turn. */
function atMost(count: number) {
  let running = 0
  const waiting: (() => void)[] = []
  return async <T>(work: () => Promise<T>): Promise<T> => {
    while (running >= count) await new Promise<void>((resolve) => waiting.push(resolve))
    running += 1
    try {
      return await work()
    } finally {
      running -= 1
      waiting.shift()?.()
    }
  }
}

type PendingProduct = {
  id: string
  sku: string
  slug: string
  name: string
  feedImageUrls: string[]
  current: string[]
}

/** Stores the images of pending products, as many as the run allows. */
export async function storeFeedImages(options: FeedImagesOptions = {}): Promise<FeedImagesOutcome> {
  const deadline = performance.now() + (options.budgetMs ?? IMAGE_STEP_MS)
  const pending = await query<PendingProduct>(
    // The products chosen first, then their images: only theirs are looked up.
    `SELECT p.id, p.sku, p.slug, p.name, p."feedImageUrls",
       ARRAY(SELECT i."mediaId" FROM "ProductImage" i WHERE i."productId" = p.id ORDER BY i.position) AS current
     FROM (SELECT id, sku, slug, name, "feedImageUrls", active, "feedImagesTriedAt" FROM "Product"
           WHERE "feedImagesPending" ORDER BY "feedImagesTriedAt" NULLS FIRST, active DESC, sku LIMIT $1) p
     ORDER BY p."feedImagesTriedAt" NULLS FIRST, p.active DESC, p.sku`,
    [options.maxProducts ?? IMAGE_PRODUCTS_PER_RUN],
  )
  const outcome: FeedImagesOutcome = { changed: [], stored: 0, waiting: 0, problems: [] }
  const report = (problem: ImageProblem) => {
    if (outcome.problems.length < KEPT_PROBLEMS) outcome.problems.push(problem)
  }
  const queue = [...pending]
  const memory: StepMemory = { media: new Map(), unknownHosts: new Map(), atOnce: atMost(CONCURRENCY) }
  const limits = options.limits ?? DEFAULT_IMAGE_LIMITS
  /** Why the step stopped early (the database, the lease): what it did so far still counts. */
  let stopped: string | undefined
  const worker = async () => {
    for (let product = queue.shift(); product && !stopped && performance.now() < deadline; product = queue.shift()) {
      try {
        const result = await resolveImages(product, (url) => mediaFor(url, product.name, limits, memory), report)
        if (result.complete) {
          // None of the new pictures can be used: the ones it has are better than none.
          const mediaIds = result.mediaIds.length > 0 ? result.mediaIds : product.current
          const changed = await replaceImages(product, mediaIds)
          outcome.stored += 1
          if (changed) outcome.changed.push({ id: product.id, slug: product.slug })
        } else await query(`UPDATE "Product" SET "feedImagesTriedAt" = ${NOW} WHERE id = $1`, [product.id])
        await options.afterProduct?.()
      } catch (error) {
        stopped ??= (error as Error).message
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  if (stopped) report({ sku: '', url: '', reason: `The image step stopped early: ${stopped}` })
  const [left] = await query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "Product" WHERE "feedImagesPending"`,
  )
  outcome.waiting = left!.count
  return outcome
}

/**
 * The media ids for a product's feed addresses, in the feed's order. `complete` is false when an
 * image may still come (then nothing of the product changes this run).
 */
async function resolveImages(
  product: PendingProduct,
  mediaFor: (url: string) => Promise<string>,
  report: (problem: ImageProblem) => void,
): Promise<{ complete: boolean; mediaIds: string[] }> {
  const results = await Promise.all(
    product.feedImageUrls.map(async (url) => {
      try {
        return { url, mediaId: await mediaFor(url) }
      } catch (error) {
        const { reason, lasting } = describe(error)
        report({ sku: product.sku, url, reason })
        return { url, mediaId: null, lasting }
      }
    }),
  )
  const complete = results.every((result) => result.mediaId !== null || result.lasting)
  const mediaIds = [...new Set(results.flatMap((result) => (result.mediaId ? [result.mediaId] : [])))]
  return { complete, mediaIds }
}

/** Why an image could not be used, and whether that is for good. Anything unforeseen may pass. */
function describe(error: unknown): { reason: string; lasting: boolean } {
  if (error instanceof ImageFetchError) return { reason: error.message, lasting: error.lasting }
  if (error instanceof ImageRejected) return { reason: error.message, lasting: true }
  return { reason: (error as Error).message ?? String(error), lasting: false }
}

/** A media row for the address, resolved once a run (see resolveOnce). */
function mediaFor(url: string, alt: string, limits: ImageFetchLimits, memory: StepMemory): Promise<string> {
  let resolved = memory.media.get(url)
  if (!resolved) {
    resolved = resolveOnce(url, alt, limits, memory)
    memory.media.set(url, resolved)
  }
  return resolved
}

/** Ours already, downloaded before, or downloaded now. */
async function resolveOnce(url: string, alt: string, limits: ImageFetchLimits, memory: StepMemory): Promise<string> {
  const ownKey = ownMediaKey(url)
  const [known] = await query<{ id: string }>(
    `SELECT id FROM "Media" WHERE ${ownKey ? 'key = $1' : '"sourceUrl" = $1'} ORDER BY "createdAt" LIMIT 1`,
    [ownKey ?? url],
  )
  if (known) return known.id
  const host = URL.parse(url)?.host ?? ''
  const unknownHost = memory.unknownHosts.get(host)
  if (unknownHost) throw unknownHost
  try {
    return await memory.atOnce(() => downloadAndStore(url, alt, limits))
  } catch (error) {
    if (error instanceof ImageFetchError && error.wholeHost) memory.unknownHosts.set(host, error)
    throw error
  }
}

async function downloadAndStore(url: string, alt: string, limits: ImageFetchLimits): Promise<string> {
  const image = await checkImage(await downloadImage(url, limits))
  const { key, widths } = await storeByContent(mediaStorage(), image)
  const [row] = await query<{ id: string }>(
    `INSERT INTO "Media" (id, key, mime, width, height, bytes, alt, "sourceUrl", "sizedWidths", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::int[], ${NOW}, ${NOW})
     ON CONFLICT (key) DO UPDATE SET "sourceUrl" = COALESCE("Media"."sourceUrl", EXCLUDED."sourceUrl"),
       "sizedWidths" = EXCLUDED."sizedWidths"
     RETURNING id`,
    [newId(), key, image.mime, image.width, image.height, image.body.length, alt, url, widths],
  )
  return row!.id
}

/**
 * The media key an address of ours names (`…/media/ab/<hash>.jpg`, as the demo's feed writes
 * them), or null. Keys are the hash of their bytes, so the stored object is that very image.
 */
function ownMediaKey(url: string): string | null {
  const match = /(media\/[0-9a-f]{2}\/[0-9a-f]{32}\.[a-z]+)$/.exec(URL.parse(url)?.pathname ?? '')
  return match && isMediaKey(match[1]!) ? match[1]! : null
}

/**
 * Makes the product's images these, in order, and clears its mark, in one transaction; only while
 * its feed addresses are still the ones resolved. True when its images changed.
 */
async function replaceImages(product: PendingProduct, mediaIds: string[]): Promise<boolean> {
  const changed = mediaIds.join(' ') !== product.current.join(' ')
  const client = await databasePool().connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const marked = await client.query(
      `UPDATE "Product" SET "feedImagesPending" = false, "feedImagesTriedAt" = NULL${changed ? `, "updatedAt" = ${NOW}` : ''}
       WHERE id = $1 AND "feedImageUrls" = $2::text[] RETURNING id`,
      [product.id, product.feedImageUrls],
    )
    const replacing = marked.rowCount === 1 && changed
    if (replacing) {
      await client.query(`DELETE FROM "ProductImage" WHERE "productId" = $1`, [product.id])
      await client.query(
        `INSERT INTO "ProductImage" (id, "productId", "mediaId", position)
         SELECT 'c' || replace(gen_random_uuid()::text, '-', ''), $1, media.id, media.position - 1
         FROM unnest($2::text[]) WITH ORDINALITY AS media(id, position)`,
        [product.id, mediaIds],
      )
    }
    await client.query('COMMIT')
    return replacing
  } catch (error) {
    // A connection whose ROLLBACK fails too is broken: the pool must not hand it out again.
    broken = await client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: Error) => rollbackError,
    )
    throw error
  } finally {
    client.release(broken)
  }
}
