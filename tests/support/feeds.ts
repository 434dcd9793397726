// Product feeds as a shop writes them (Merchant Center XML, TSV, CSV), and a real HTTP server on
// loopback that serves them — or answers 500, never answers, or cuts the feed off — for the sync's
// tests and measurements.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { escapeXml } from '@/lib/feed/merchant-xml-writer'

/** One product as the shop lists it: Merchant field names, values as written in the feed. */
export type ShopProduct = {
  id: string
  title: string
  description?: string
  link?: string
  image_link?: string
  additional_image_link?: string[]
  price: string
  sale_price?: string
  availability?: string
  brand?: string
  product_type?: string
  color?: string
  size?: string
  gtin?: string
  item_group_id?: string
}

/** A plausible product, numbered: distinct SKUs, titles, links and images. */
export function shopProduct(n: number, changes: Partial<ShopProduct> = {}): ShopProduct {
  return {
    id: `FEED-${String(n).padStart(5, '0')}`,
    title: `Feed Piece ${n}`,
    description: `The ${n}th piece of the shop's feed.`,
    link: `https://shop.example/p/feed-${n}`,
    // Where nothing answers (the discard port, refused at once): a picture that may come later.
    image_link: `http://127.0.0.1:9/feed-${n}.jpg`,
    price: `${19 + (n % 80)}.00 EUR`,
    availability: 'in_stock',
    brand: ['Maison Nord', 'Field & Co', 'Atelier Sud'][n % 3],
    product_type: `Women > ${['Dresses', 'Tops', 'Bags', 'Shoes'][n % 4]}`,
    color: ['Black', 'Ivory/Navy', 'Red'][n % 3],
    size: 'M',
    ...changes,
  }
}

const FIELDS = [
  'id',
  'title',
  'description',
  'link',
  'image_link',
  'additional_image_link',
  'price',
  'sale_price',
  'availability',
  'brand',
  'product_type',
  'color',
  'size',
  'gtin',
  'item_group_id',
] as const

export function merchantXmlItem(product: ShopProduct): string {
  const lines = FIELDS.flatMap((field) => {
    const value = product[field]
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value]
    // RSS's own elements for title, link and description; the rest in Google's namespace.
    const tag = ['title', 'link', 'description'].includes(field) ? field : `g:${field}`
    return values.map((one) => `    <${tag}>${escapeXml(one)}</${tag}>`)
  })
  return `  <item>\n${lines.join('\n')}\n  </item>\n`
}

export const XML_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n<title>Shop</title>\n'
export const XML_TAIL = '</channel>\n</rss>\n'

export function merchantXml(products: ShopProduct[]): string {
  return XML_HEAD + products.map(merchantXmlItem).join('') + XML_TAIL
}

/** TSV (Merchant's tab-separated form) or CSV with the same columns, quoted where needed. */
export function delimitedFeed(products: ShopProduct[], delimiter: '\t' | ','): string {
  const cell = (value: string | string[] | undefined) => {
    const text = Array.isArray(value) ? value.join(',') : (value ?? '')
    return delimiter === ',' && /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  const rows = [
    FIELDS.join(delimiter),
    ...products.map((product) => FIELDS.map((field) => cell(product[field])).join(delimiter)),
  ]
  return `${rows.join('\n')}\n`
}

/** What a route of the feed server does. */
export type FeedAnswer =
  | { body: string | Buffer; contentType?: string }
  | { status: number }
  | { hang: true }
  /** The first `bytes` of the body, then the connection is cut. */
  | { body: string; cutAfter: number }

export type FeedServer = {
  url: string
  routes: Map<string, FeedAnswer>
  /** Requests per path, answered or not. */
  hits: Map<string, number>
  close: () => Promise<void>
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedAnswer>()
  const hits = new Map<string, number>()
  const sockets = new Set<import('node:net').Socket>()
  const server = http.createServer((request, response) => {
    hits.set(request.url ?? '', (hits.get(request.url ?? '') ?? 0) + 1)
    const answer = routes.get(request.url ?? '')
    if (!answer) return void response.writeHead(404).end('no such feed')
    if ('hang' in answer) return // never answers
    if ('status' in answer) return void response.writeHead(answer.status).end('the feed is not available')
    if ('cutAfter' in answer) {
      response.writeHead(200, { 'content-type': 'application/xml' })
      response.write(Buffer.from(answer.body).subarray(0, answer.cutAfter))
      setTimeout(() => response.socket?.destroy(), 20)
      return
    }
    response.writeHead(200, { 'content-type': answer.contentType ?? 'application/xml; charset=utf-8' })
    response.end(answer.body)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    hits,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
