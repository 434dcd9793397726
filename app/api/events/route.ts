// POST /api/events { name, id, path, data? }: an event the browser's pixel just sent, sent again
// from the server through Meta's Conversions API with the same id (lib/tracking). Only with the
// visitor's consent, only when the pixel is set up; answers at once, Meta is called from a queue.
import { after, type NextRequest } from 'next/server'
import { z } from 'zod'
import { settings } from '@/lib/env'
import { SKU_PATTERN } from '@/lib/http/offers-query'
import { fieldErrors, jsonBody, jsonError, NO_STORE } from '@/lib/http/responses'
import { rateLimit } from '@/lib/http/rate-limit'
import { clientAddress, UNKNOWN_ADDRESS } from '@/lib/http/client-address'
import { visitorIdOf } from '@/lib/http/visitor'
import { hashIp } from '@/lib/crypto/hash'
import { attributionIn } from '@/lib/proxy/attribution'
import { consentIn, TRACKED_EVENTS, type TrackedEvent } from '@/lib/tracking/consent'
import { fbcFromClick, serverEvent } from '@/lib/tracking/conversions-api'
import { conversionsQueue } from '@/lib/tracking'

export const dynamic = 'force-dynamic'

const MAX_BODY_BYTES = 4_096
const eventSchema = z.object({
  name: z.enum(Object.keys(TRACKED_EVENTS) as [TrackedEvent, ...TrackedEvent[]], {
    message: `name must be one of ${Object.keys(TRACKED_EVENTS).join(', ')}`,
  }),
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/, 'id is the event id the pixel was given: 8 to 64 letters, digits, dashes'),
  path: z
    .string()
    .max(500, 'path is at most 500 characters')
    .regex(/^\/(?![/\\])[^\s\\]*$/, 'path is the page address on this site, starting with one /'),
  data: z
    .object({
      content_ids: z.array(z.string().regex(SKU_PATTERN, 'content_ids are SKUs')).max(24).optional(),
      content_type: z.literal('product').optional(),
      content_name: z.string().max(200).optional(),
    })
    .strict()
    .optional(),
})

export async function POST(request: NextRequest) {
  if (!settings().META_PIXEL_ID) return jsonError(404, 'Measurement is off on this site.')
  const cookies = request.headers.get('cookie')
  if (consentIn(cookies) !== 'granted') return jsonError(403, 'No consent: nothing is measured for this visitor.')
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES)
    return jsonError(413, `An event is at most ${MAX_BODY_BYTES} bytes.`)
  const text = await request.text()
  if (text.length > MAX_BODY_BYTES) return jsonError(413, `An event is at most ${MAX_BODY_BYTES} bytes.`)
  const body = jsonBody(request.headers.get('content-type'), text)
  if (body === null) return jsonError(400, 'Send the event as JSON (Content-Type: application/json).')
  const parsed = eventSchema.safeParse(body)
  if (!parsed.success) return jsonError(400, 'Invalid event.', { fields: fieldErrors(parsed.error.issues) })

  const ip = clientAddress(request.headers)
  // A KV outage must not stop measurement: then unlimited for the moment.
  const limit = await rateLimit('events-ip', hashIp(ip), 300, 600).catch(() => null)
  if (limit && !limit.allowed) return jsonError(429, 'Too many events from this address; try again in a few minutes.')

  const queue = conversionsQueue()
  if (queue) {
    const attribution = attributionIn(cookies)
    const fbclid = typeof attribution.fbclid === 'string' ? attribution.fbclid : undefined
    const landedAt = typeof attribution.landedAt === 'string' ? attribution.landedAt : undefined
    queue.add(
      serverEvent(
        {
          name: parsed.data.name,
          id: parsed.data.id,
          url: new URL(parsed.data.path, settings().SITE_URL).toString(),
          customData: parsed.data.data,
        },
        {
          ip: ip === UNKNOWN_ADDRESS ? null : ip, // Meta is told an address only when we know it
          userAgent: request.headers.get('user-agent'),
          fbp: request.cookies.get('_fbp')?.value ?? null,
          fbc: request.cookies.get('_fbc')?.value ?? fbcFromClick(fbclid, landedAt),
          visitorId: visitorIdOf(request),
        },
      ),
    )
    // On Vercel nothing runs once the function is frozen: send before that (no batching there).
    if (settings().VERCEL) after(() => queue.flush())
  }
  return Response.json({ accepted: true, sentToMeta: queue !== null }, { status: 202, headers: NO_STORE })
}
