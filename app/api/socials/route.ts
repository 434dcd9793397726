// GET /api/socials?page= — approved social posts, newest first.
import type { NextRequest } from 'next/server'
import { listSocials } from '@/lib/data/shots'
import { answer, pageParam } from '@/lib/http/read-api'

export async function GET(request: NextRequest) {
  return answer('editorial', () => listSocials(pageParam(request.nextUrl)))
}
