// GET /api/products/:slug — a product without its offer (GET /api/offers?sku= has the live price).
import { getProductBySlug } from '@/lib/data/products'
import { answer } from '@/lib/http/read-api'
import { withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (_request: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params
  return answer('products', () => getProductBySlug(slug), `No product "${slug}".`)
})
