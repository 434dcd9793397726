// "Buy at the shop": counts the click (lib/data/click-outs.ts) and sends the visitor on to the
// product at the shop, with the campaign's UTM parameters. Never cached: each click is counted.
import { clickOut } from '@/lib/data/click-outs'
import { campaignOf, isPersonsRequest, parseClickOut } from '@/lib/http/click-out'
import { shopLink } from '@/lib/site'
import { hashIp } from '@/lib/crypto/hash'
import { rateLimit } from '@/lib/http/rate-limit'
import { clientIp } from '@/lib/http/visitor'
import { jsonError } from '@/lib/http/responses'
import type { NextRequest } from 'next/server'

/** Clicks counted per address in ten minutes at most: a script cannot fill the report. */
const COUNTED_PER_ADDRESS = 60

const NOT_STORED = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' }

export async function GET(request: NextRequest, { params }: { params: Promise<{ sku: string }> }) {
  const parsed = parseClickOut((await params).sku, new URL(request.url).searchParams)
  if ('error' in parsed) return jsonError(400, parsed.error, {}, NOT_STORED)
  let counted = isPersonsRequest(request.method, request.headers)
  if (counted) {
    const limit = await rateLimit('go-ip', hashIp(clientIp(request)), COUNTED_PER_ADDRESS, 600).catch(() => null)
    counted = !limit || limit.allowed // still sent on to the shop, just not counted
  }
  const shopUrl = await clickOut(parsed.sku, parsed.from, campaignOf(request.headers.get('cookie')), counted)
  if (!shopUrl) return jsonError(404, 'No product has this sku.', {}, NOT_STORED)
  const content = parsed.from ? `${parsed.from.type}-${parsed.from.slug}` : undefined
  return new Response(null, { status: 302, headers: { ...NOT_STORED, Location: shopLink(shopUrl, content) } })
}
