// GET /api/idols — every published idol.
import { getPublishedIdols } from '@/lib/data/idols'
import { answer } from '@/lib/http/read-api'
import { withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async () => {
  return answer('editorial', async () => ({ items: await getPublishedIdols() }))
})
