// The demo campaign: idols, outfits made of products, shots, socials, likes and comments, with
// images drawn locally and stored through the storage interface.
//
// Idempotent: records are keyed by their natural keys (slug, SKU, URL, storage key) and only
// created when missing, so a second run changes nothing, and a record an editor changed is left
// as the editor left it. All rows are written in one transaction: a failed run leaves none.
import type { Prisma, PrismaClient } from '@/lib/db/client'
import type { MediaStorage } from '@/lib/storage/types'
import { rm } from 'node:fs/promises'
import { hashPassword } from '@/lib/crypto/password'
import { createLocalStorage } from '@/lib/storage/local'
import { DemoImages, drawIdols, drawProducts, drawSocials } from './demo-drawings'
import { writeIdols, writeMedia, writeProducts, writeReactions, writeSocials } from './demo-rows'
import { DEMO_LEGAL_PAGES } from './legal-texts'

/** The demo's editor, for local use only: documented in the README, never created in production. */
export const DEMO_EDITOR = {
  email: 'editor@lookbook.local',
  password: 'lookbook-demo-editor',
  role: 'ADMIN' as const,
  name: 'Demo Editor',
}

export type SeedReport = Record<
  'idols' | 'outfits' | 'products' | 'shots' | 'socials' | 'media' | 'likes' | 'comments',
  number
>

export async function seedDemoData(
  db: PrismaClient,
  storage: MediaStorage,
  log: (line: string) => void = () => {},
): Promise<SeedReport> {
  const started = Date.now()
  const images = new DemoImages(storage)
  const products = await drawProducts(images)
  log(`drew ${products.length} products (${Date.now() - started} ms)`)
  const idols = await drawIdols(images, products)
  const socials = await drawSocials(images, idols)
  log(`drew ${images.rows.size} images in all (${Date.now() - started} ms)`)

  await db.$transaction(
    async (tx) => {
      const mediaId = await writeMedia(tx, images.rows.values())
      const productId = await writeProducts(tx, products, mediaId)
      const { idolId, outfitId } = await writeIdols(tx, idols, productId, mediaId)
      await writeSocials(tx, socials, idolId, mediaId)
      await writeReactions(tx, [...outfitId.values()], [...productId.values()])
      await writeLegalPages(tx)
    },
    { timeout: 300_000, maxWait: 30_000 },
  )
  if (process.env.NODE_ENV !== 'production') await ensureDemoEditor(db)
  const report = await countRows(db)
  log(`seeded in ${Date.now() - started} ms`)
  return report
}

/**
 * Draws every demo image and makes its sizes into their cache (node_modules/.cache), storing them
 * in a folder removed afterwards: the test run does this once before its files seed in parallel,
 * each of which would otherwise make the same sizes at the same time on a fresh clone.
 */
export async function prepareDemoImageSizes(scratch: string): Promise<void> {
  const images = new DemoImages(createLocalStorage(scratch))
  const products = await drawProducts(images)
  const idols = await drawIdols(images, products)
  await drawSocials(images, idols)
  await rm(scratch, { recursive: true, force: true })
}

/** The demo's legal texts in place of the migration's "not written yet", as their first revision. */
async function writeLegalPages(tx: Prisma.TransactionClient) {
  for (const [id, { title, body }] of Object.entries(DEMO_LEGAL_PAGES)) {
    const { count } = await tx.legalPage.updateMany({ where: { id, version: 1 }, data: { title, body } })
    if (count === 1) await tx.legalPageRevision.updateMany({ where: { pageId: id, version: 1 }, data: { title, body } })
  }
}

async function ensureDemoEditor(db: PrismaClient) {
  if (await db.editor.findUnique({ where: { email: DEMO_EDITOR.email } })) return
  const { password, ...editor } = DEMO_EDITOR
  await db.editor.create({ data: { ...editor, passwordHash: await hashPassword(password) } })
}

async function countRows(db: PrismaClient): Promise<SeedReport> {
  const [idols, outfits, products, shots, socials, media, likes, comments] = await Promise.all([
    db.idol.count(),
    db.outfit.count(),
    db.product.count(),
    db.shot.count(),
    db.social.count(),
    db.media.count(),
    db.like.count(),
    db.comment.count(),
  ])
  return { idols, outfits, products, shots, socials, media, likes, comments }
}
