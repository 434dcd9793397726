import 'server-only'
// Single-product updates the shop pushes between syncs (POST /api/feed/events): a price, a sale, a
// change of stock. Each is applied once by its event id: the event row and the product's offer are
// written in one transaction, so a delivery sent again (the shop retries when our answer is lost)
// finds the row and gets the first answer again; two deliveries at once meet at the row's key, and
// the second waits for the first to commit. Only the offer changes: no page shows it, none expires.
import type { PoolClient } from 'pg'
import { databasePool } from '@/lib/db/pool'
import type { CheckedOfferUpdate } from '@/lib/feed/feed-product'
import { forgetOffers } from '@/lib/cache/offer-cache'
import { NOW_UTC as NOW } from './sql'

export type FeedEventAnswer = { status: number; body: Record<string, unknown>; replayed: boolean }

type Offer = Extract<CheckedOfferUpdate, { offer: unknown }>['offer']

export async function applyFeedEvent(event: { id: string; sku: string; offer: Offer }): Promise<FeedEventAnswer> {
  const client = await databasePool().connect()
  let answer: Omit<FeedEventAnswer, 'replayed'>
  try {
    await client.query('BEGIN')
    const claimed = await client.query(
      `INSERT INTO "FeedEvent" (id, sku, status, answer, "receivedAt") VALUES ($1, $2, 0, '{}', ${NOW})
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [event.id, event.sku],
    )
    if (claimed.rowCount === 0) {
      await client.query('ROLLBACK')
      const { rows } = await client.query<{ status: number; answer: Record<string, unknown> }>(
        `SELECT status, answer FROM "FeedEvent" WHERE id = $1`,
        [event.id],
      )
      return { status: rows[0]!.status, body: rows[0]!.answer, replayed: true }
    }
    answer = await applyOffer(client, event.sku, event.offer)
    await client.query(`UPDATE "FeedEvent" SET status = $2, answer = $3::jsonb WHERE id = $1`, [
      event.id,
      answer.status,
      JSON.stringify(answer.body),
    ])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
  if (answer.status === 200) await forgetOffers([event.sku])
  return { ...answer, replayed: false }
}

async function applyOffer(client: PoolClient, sku: string, offer: Offer): Promise<Omit<FeedEventAnswer, 'replayed'>> {
  const { rows } = await client.query<{ priceCents: number; salePriceCents: number | null; currency: string }>(
    `SELECT "priceCents", "salePriceCents", currency FROM "Product" WHERE sku = $1 FOR UPDATE`,
    [sku],
  )
  const stored = rows[0]
  if (!stored)
    return {
      status: 404,
      body: { error: `No product has the SKU ${sku}: an update changes a product the feed listed.` },
    }
  const price = offer.price ?? { cents: stored.priceCents, currency: stored.currency.trim() }
  const sale =
    offer.salePrice === undefined
      ? stored.salePriceCents === null
        ? null
        : { cents: stored.salePriceCents, currency: stored.currency.trim() }
      : offer.salePrice
  if (sale && sale.currency !== price.currency)
    return {
      status: 422,
      body: { error: `The sale price is in ${sale.currency} but the price is in ${price.currency}.` },
    }
  if (sale && sale.cents >= price.cents)
    return { status: 422, body: { error: 'The sale price is not below the price.' } }
  await client.query(
    `UPDATE "Product" SET "priceCents" = $2, "salePriceCents" = $3, currency = $4,
       availability = COALESCE($5::"Availability", availability), "offerUpdatedAt" = ${NOW}, "updatedAt" = ${NOW}
     WHERE sku = $1`,
    [sku, price.cents, sale?.cents ?? null, price.currency, offer.availability ?? null],
  )
  const { rows: after } = await client.query<Record<string, unknown>>(
    `SELECT sku, "priceCents", "salePriceCents", currency, availability::text AS availability FROM "Product" WHERE sku = $1`,
    [sku],
  )
  return { status: 200, body: { applied: true, product: after[0] } }
}
