// GET /api/outfits?page= — public outfits, newest first.
import type { NextRequest } from 'next/server'
import { listOutfits } from '@/lib/data/outfits'
import { answer, pageParam } from '@/lib/http/read-api'

export async function GET(request: NextRequest) {
  return answer('editorial', () => listOutfits(pageParam(request.nextUrl)))
}
