// GET /api/products?category=&brand=&color=&size=&sort=&page= — the same filters as /products.
import type { NextRequest } from 'next/server'
import { listProducts } from '@/lib/data/products'
import { parseProductFilter } from '@/lib/data/product-filter'
import { answer } from '@/lib/http/read-api'
import { withOutageAnswer } from '@/lib/http/responses'

export const GET = withOutageAnswer(async (request: NextRequest) => {
  return answer('products', () => listProducts(parseProductFilter(request.nextUrl.searchParams)))
})
