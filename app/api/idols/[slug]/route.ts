// GET /api/idols/:slug — the idol with outfits, shots and approved social posts.
import { getIdolBySlug } from '@/lib/data/idols'
import { answer } from '@/lib/http/read-api'
import { withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params
  return answer('editorial', () => getIdolBySlug(slug), `No idol "${slug}".`)
})
