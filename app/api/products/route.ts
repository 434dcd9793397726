// GET /api/products?category=&brand=&color=&size=&sort=&page= — the same filters as /products.
import type { NextRequest } from 'next/server'
import { listProducts } from '@/lib/data/products'
import { parseProductFilter } from '@/lib/data/product-filter'
import { answer } from '@/lib/http/read-api'

export async function GET(request: NextRequest) {
  return answer('products', () => listProducts(parseProductFilter(request.nextUrl.searchParams)))
}
