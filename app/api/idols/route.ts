// GET /api/idols — every published idol.
import { getPublishedIdols } from '@/lib/data/idols'
import { answer } from '@/lib/http/read-api'

export async function GET() {
  return answer('editorial', async () => ({ items: await getPublishedIdols() }))
}
