// POST /api/feed/events — the shop pushes one product's new price, sale price or stock between
// syncs. The raw body is signed with HMAC-SHA256 and FEED_WEBHOOK_SECRET, sent as
// `X-Feed-Signature: sha256=<hex>`; the body carries the event's id and when it was sent:
//
//   {"id":"evt_123","timestamp":1796000000,"sku":"SKU-1","price":"79.00 EUR","sale_price":null,"availability":"in_stock"}
//
// An event sent more than 5 minutes from now is refused (a captured request cannot be replayed
// later); one sent again within that time is answered as the first time and applied once.
import type { NextRequest } from 'next/server'
import { z } from 'zod'
import { signedWithHmacSha256 } from '@/lib/crypto/signatures'
import { applyFeedEvent } from '@/lib/data/feed-events'
import { settings } from '@/lib/env'
import { checkOfferUpdate } from '@/lib/feed/feed-product'
import { fieldErrors, jsonBody, jsonError, NO_STORE, withOutageAnswer } from '@/lib/http/responses'

/** How far an event's timestamp may be from our clock. */
const WINDOW_SECONDS = 5 * 60
const MAX_BODY_BYTES = 64 * 1024

const eventSchema = z
  .object({
    id: z.string().trim().min(1, 'Give the event an id.').max(200, 'Event ids are at most 200 characters.'),
    timestamp: z.number().int('The timestamp is whole seconds since 1970 (Unix time).').positive(),
    sku: z.string().trim().min(1, 'Name the product by its SKU.').max(50, 'SKUs are at most 50 characters.'),
    price: z.string().max(40).optional(),
    sale_price: z.string().max(40).nullable().optional(),
    availability: z.string().max(40).optional(),
  })
  .refine((event) => event.price !== undefined || event.sale_price !== undefined || event.availability !== undefined, {
    message: 'Send at least one of price, sale_price and availability.',
    path: ['price'],
  })

export const POST = withOutageAnswer(async (request: NextRequest) => {
  const secret = settings().FEED_WEBHOOK_SECRET
  if (!secret) return jsonError(404, 'This site takes no pushed product updates (FEED_WEBHOOK_SECRET is not set).')
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES)
    return jsonError(413, `An event is at most ${MAX_BODY_BYTES / 1024} KB.`)
  const raw = await request.text()
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return jsonError(413, `An event is at most ${MAX_BODY_BYTES / 1024} KB.`)
  if (!signedWithHmacSha256(secret, raw, request.headers.get('x-feed-signature')))
    return jsonError(
      401,
      'The signature does not match: send X-Feed-Signature: sha256=<hex HMAC-SHA256 of the raw body with FEED_WEBHOOK_SECRET>.',
    )
  const parsed = eventSchema.safeParse(jsonBody(request.headers.get('content-type'), raw))
  if (!parsed.success)
    return jsonError(400, 'Send the event as JSON: id, timestamp, sku, and what changed.', {
      fields: fieldErrors(parsed.error.issues),
    })
  const event = parsed.data
  const skew = Math.abs(Date.now() / 1000 - event.timestamp)
  if (skew > WINDOW_SECONDS)
    return jsonError(401, `The event was sent ${Math.round(skew)} s from now; events older than 5 minutes are refused.`)
  const checked = checkOfferUpdate(event)
  if ('refused' in checked) return jsonError(422, `The update was refused: ${checked.refused}.`)
  const answer = await applyFeedEvent({ id: event.id, sku: event.sku, offer: checked.offer })
  return Response.json(answer.body, {
    status: answer.status,
    headers: { ...NO_STORE, ...(answer.replayed ? { 'X-Feed-Event-Replayed': 'true' } : {}) },
  })
})
