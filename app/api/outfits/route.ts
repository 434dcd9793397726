// GET /api/outfits?page= — public outfits, newest first.
import type { NextRequest } from 'next/server'
import { listOutfits } from '@/lib/data/outfits'
import { answer, pageParam } from '@/lib/http/read-api'
import { withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  return answer('editorial', () => listOutfits(pageParam(request.nextUrl)))
})
