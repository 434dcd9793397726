import 'server-only'
import { prisma } from '@/lib/db/client'
import { reshapeImage } from './media'
import {
  mediaSelect,
  outfitSummarySelect,
  productSummarySelect,
  reshapeOutfitSummary,
  reshapeProductSummary,
} from './reshape'
import type { IdolSummary, OutfitSummary, ProductSummary } from './types'
import { publicIdolWhere, publicOutfitWhere } from './visibility'

export type SearchResults = {
  query: string
  products: ProductSummary[]
  outfits: OutfitSummary[]
  idols: IdolSummary[]
}

const LIMIT = 24

/**
 * PostgreSQL full-text search: every word of the query must match a word of the record (as a
 * prefix, so "sneak" finds "Sneakers"), ranked by ts_rank. Words are reduced to letters and digits
 * before they reach to_tsquery, so no input can form a malformed query.
 */
export function toPrefixQuery(text: string): string | null {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8)
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null
}

async function rankedIds(sql: string, tsquery: string): Promise<string[]> {
  const rows = await prisma().$queryRawUnsafe<{ id: string }[]>(sql, tsquery, LIMIT)
  return rows.map((row) => row.id)
}

const inOrder = <T extends { id: string }>(ids: string[], rows: T[]) =>
  ids.map((id) => rows.find((row) => row.id === id)).filter((row): row is T => Boolean(row))

export async function search(text: string): Promise<SearchResults> {
  const query = text.trim().slice(0, 100)
  const tsquery = toPrefixQuery(query)
  if (!tsquery) return { query, products: [], outfits: [], idols: [] }

  const [productIds, outfitIds, idolIds] = await Promise.all([
    rankedIds(
      `SELECT id FROM "Product", to_tsquery('english', $1) q,
         to_tsvector('english', name || ' ' || brand || ' ' || category || ' ' || array_to_string(colors, ' ') || ' ' || description) v
       WHERE active AND v @@ q ORDER BY ts_rank(v, q) DESC, name LIMIT $2`,
      tsquery,
    ),
    rankedIds(
      `SELECT o.id FROM "Outfit" o JOIN "Idol" i ON i.id = o."idolId", to_tsquery('english', $1) q,
         to_tsvector('english', o.title || ' ' || o.description || ' ' || i.name) v
       WHERE v @@ q ORDER BY ts_rank(v, q) DESC, o.title LIMIT $2`,
      tsquery,
    ),
    rankedIds(
      `SELECT id FROM "Idol", to_tsquery('english', $1) q, to_tsvector('english', name || ' ' || bio) v
       WHERE v @@ q ORDER BY ts_rank(v, q) DESC, name LIMIT $2`,
      tsquery,
    ),
  ])

  const [products, outfits, idols] = await Promise.all([
    prisma().product.findMany({
      where: { id: { in: productIds }, active: true },
      select: { id: true, ...productSummarySelect },
    }),
    prisma().outfit.findMany({
      where: { id: { in: outfitIds }, ...publicOutfitWhere() },
      select: { id: true, ...outfitSummarySelect },
    }),
    prisma().idol.findMany({
      where: { id: { in: idolIds }, ...publicIdolWhere },
      select: {
        id: true,
        slug: true,
        name: true,
        portrait: mediaSelect,
        _count: { select: { outfits: { where: publicOutfitWhere() } } },
      },
    }),
  ])
  return {
    query,
    products: inOrder(productIds, products).map(reshapeProductSummary),
    outfits: inOrder(outfitIds, outfits).map(reshapeOutfitSummary),
    idols: inOrder(idolIds, idols).map((row) => ({
      slug: row.slug,
      name: row.name,
      portrait: reshapeImage(row.portrait, `Portrait of ${row.name}`),
      outfitCount: row._count.outfits,
    })),
  }
}
