// GET /api/socials?page= — approved social posts, newest first.
import type { NextRequest } from 'next/server'
import { listSocials } from '@/lib/data/shots'
import { answer, pageParam } from '@/lib/http/read-api'
import { withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  return answer('editorial', () => listSocials(pageParam(request.nextUrl)))
})
