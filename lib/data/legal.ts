import 'server-only'
// The legal pages as visitors read them (Impressum, privacy policy): cached like editorial pages
// and renewed at once when an admin saves (tag legal:<id>).
import { prisma } from '@/lib/db/client'
import { cached } from '@/lib/cache/cached'
import { TAGS } from '@/lib/cache/tags'

/** The legal pages, by address; German law wants both on every page's footer. */
export const LEGAL_PAGES = { impressum: 'Impressum', datenschutz: 'Privacy policy' } as const
export type LegalPageId = keyof typeof LEGAL_PAGES
export const isLegalPageId = (id: string): id is LegalPageId => Object.hasOwn(LEGAL_PAGES, id)

export type LegalPageView = { id: LegalPageId; title: string; body: string; updatedAt: string }

export const getLegalPage = cached(
  'legal-page',
  'editorial',
  (id: LegalPageId) => [TAGS.legal(id)],
  async (id: LegalPageId): Promise<LegalPageView | null> => {
    const row = await prisma().legalPage.findUnique({
      where: { id },
      select: { title: true, body: true, updatedAt: true },
    })
    return row && { id, title: row.title, body: row.body, updatedAt: row.updatedAt.toISOString() }
  },
)
