// GET /api/shots?page= — published shots.
import type { NextRequest } from 'next/server'
import { listShots } from '@/lib/data/shots'
import { answer, pageParam } from '@/lib/http/read-api'

export async function GET(request: NextRequest) {
  return answer('editorial', () => listShots(pageParam(request.nextUrl)))
}
