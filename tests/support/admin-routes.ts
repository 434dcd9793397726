// The admin as the production build lists it: every admin page, API route and server action (read
// from the build's manifests, so a new one is covered without listing it), a way to call an action
// as a hand-made request would, and a snapshot of everything an admin action could change.
import path from 'node:path'
import { readFile } from 'node:fs/promises'
import { prisma } from '@/lib/db/client'
import { DEMO_EDITOR } from '@/prisma/seed'
import { ROOT } from './test-env'
import { TEST_DIST_DIR } from './next-server'

export type ManifestAction = { exportedName?: string; filename?: string; workers: Record<string, unknown> }

/** One of the build's manifests (under <distDir>/server), parsed. */
async function buildManifest<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(path.join(ROOT, TEST_DIST_DIR, 'server', name), 'utf8')) as T
}

/** Every server action in the build, by id. */
export async function buildActions(): Promise<[string, ManifestAction][]> {
  const manifest = await buildManifest<{ node: Record<string, ManifestAction> }>('server-reference-manifest.json')
  return Object.entries(manifest.node)
}

/** Every page and route handler in the build, as the manifest names them (e.g. /api/likes/route). */
export async function buildRoutes(): Promise<string[]> {
  return Object.keys(await buildManifest<Record<string, string>>('app-paths-manifest.json'))
}

/** Every server action under app/admin (but signing in), from the build's manifest. */
export async function adminActions(): Promise<[string, ManifestAction][]> {
  return (await buildActions()).filter(
    ([, action]) => action.filename?.startsWith('app/admin/') && !action.filename.startsWith('app/admin/login/'),
  )
}

/** Calls an action the way a hand-made request would, on the page that uses it; `ids` fill each route's [id] by its folder (outfits, editors, media…). */
export async function callAction(
  base: string,
  [id, action]: [string, ManifestAction],
  args: unknown[],
  ids: Record<string, string>,
  cookie?: string,
) {
  const worker = Object.keys(action.workers)[0]!
    .replace(/^app/, '')
    .replace(/\/page$/, '')
    .replace(/\/(\w+)\/\[id\]/, (_, folder: string) => `/${folder}/${ids[folder] ?? 'unknown'}`)
  const response = await fetch(`${base}${worker}`, {
    method: 'POST',
    headers: {
      'Next-Action': id,
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify(args),
    redirect: 'manual',
  })
  const text = await response.text()
  if (process.env.DEBUG_E2E) console.info(action.exportedName, response.status, text.slice(0, 160))
  return { status: response.status, text }
}

/** What an admin action could change: editors (with their secrets), sessions, outfits, comments, media, audit. */
export async function adminSnapshot(outfitId: string) {
  return {
    editors: await prisma().editor.findMany({
      orderBy: { email: 'asc' },
      select: { email: true, name: true, role: true, disabledAt: true, passwordHash: true, version: true },
    }),
    openSessions: await prisma().session.count({ where: { revokedAt: null } }),
    outfits: await prisma().outfit.count(),
    items: await prisma().outfitItem.count(),
    comments: await prisma().comment.groupBy({ by: ['status'], _count: true }),
    audit: await prisma().auditEvent.count(),
    media: await prisma().media.findMany({ select: { id: true, alt: true, version: true }, orderBy: { id: 'asc' } }),
    likes: await prisma().like.count(),
    idols: await prisma().idol.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, name: true, slug: true, version: true },
    }),
    shots: await prisma().shot.findMany({ orderBy: { id: 'asc' }, select: { id: true, caption: true, version: true } }),
    socials: await prisma().social.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, url: true, approved: true, version: true },
    }),
    products: await prisma().product.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, name: true, description: true, sku: true, priceCents: true, version: true },
    }),
    legalPages: await prisma().legalPage.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, body: true, version: true },
    }),
    legalRevisions: await prisma().legalPageRevision.count(),
    outfit: await prisma().outfit.findUniqueOrThrow({
      where: { id: outfitId },
      select: { title: true, version: true },
    }),
  }
}

/** One stored record of each kind the admin edits (the outfit with its pieces), as it is now. */
export async function oneOfEach() {
  const [outfit, editor, medium, idol, shot, social, product] = await Promise.all([
    prisma().outfit.findFirstOrThrow({ include: { items: true } }),
    prisma().editor.findUniqueOrThrow({ where: { email: DEMO_EDITOR.email } }),
    prisma().media.findFirstOrThrow(),
    prisma().idol.findFirstOrThrow(),
    prisma().shot.findFirstOrThrow(),
    prisma().social.findFirstOrThrow(),
    prisma().product.findFirstOrThrow(),
  ])
  return { outfit, editor, medium, idol, shot, social, product }
}

/** The ids of oneOfEach() by the folder their admin pages live in. */
export async function recordIds(): Promise<Record<string, string>> {
  const { outfit, editor, medium, idol, shot, social, product } = await oneOfEach()
  return {
    outfits: outfit.id,
    editors: editor.id,
    media: medium.id,
    idols: idol.id,
    shots: shot.id,
    socials: social.id,
    products: product.id,
    uploads: 'a'.repeat(32),
    legal: 'impressum',
  }
}

/** Every admin page and admin API route in the build (so a new one is covered without listing it), with ids filled in. */
export async function adminPaths(ids: Record<string, string>): Promise<string[]> {
  return (await buildRoutes())
    .filter((route) => route.startsWith('/admin') || route.startsWith('/api/admin/'))
    .map(
      (route) =>
        route
          .replace(/\/(page|route)$/, '')
          .replace(/\/(\w+)\/\[id\]/g, (_, folder: string) => `/${folder}/${ids[folder] ?? 'unknown'}`) || '/',
    )
}
