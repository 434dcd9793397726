// GET /api/shots?page= — published shots.
import type { NextRequest } from 'next/server'
import { listShots } from '@/lib/data/shots'
import { answer, pageParam } from '@/lib/http/read-api'
import { withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  return answer('editorial', () => listShots(pageParam(request.nextUrl)))
})
