// GET /api/outfits/:slug — the outfit with its items (products without offers) and hotspots.
import { getOutfitBySlug } from '@/lib/data/outfits'
import { answer } from '@/lib/http/read-api'
import { withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params
  return answer('editorial', () => getOutfitBySlug(slug), `No outfit "${slug}".`)
})
