// "Buy at the shop": counts the click and sends the visitor on to the product at the shop, with the
// campaign's UTM parameters (lib/http/click-out-answer.ts). The production server answers this path
// itself (lib/server/live-routes.ts); this handler serves it on Vercel and in `next dev`.
import { answerClickOut, CLICK_OUT_HEADERS } from '@/lib/http/click-out-answer'
import { clientAddress } from '@/lib/http/client-address'
import { jsonError, withOutageAnswer } from '@/lib/http/responses'
import type { NextRequest } from 'next/server'

export const GET = withOutageAnswer(async (request: NextRequest, { params }: { params: Promise<{ sku: string }> }) => {
  const answer = await answerClickOut((await params).sku, new URL(request.url).searchParams, {
    method: request.method,
    headers: request.headers,
    ip: clientAddress(request.headers),
  })
  if (answer.status !== 302) return jsonError(answer.status, answer.error, {}, CLICK_OUT_HEADERS)
  return new Response(null, { status: 302, headers: { ...CLICK_OUT_HEADERS, Location: answer.location } })
})
