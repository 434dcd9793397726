// The server is killed under load (SIGKILL to every process at once: a crashing dyno, the kernel's
// OOM killer, a pulled plug) while shoppers like and comment, then started again on the same data.
// On PostgreSQL and on the embedded default (where the killed process owned the database files):
// the data opens, every write the server acknowledged is there exactly once, and the like
// counters the database keeps by trigger agree with the likes themselves.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { useFreshDatabase } from '../support/database'
import { startNext, useBuildCopy, type RunningServer } from '../support/next-server'
import { outfitLikeCounts } from '../support/like-counts'

const DIST_DIR = '.next-test-crash'
const database = useFreshDatabase()
let server: RunningServer
let slugs: string[]

const startServer = () => startNext(database.env(), { distDir: DIST_DIR, crashable: true, emptyCache: false })

useBuildCopy(DIST_DIR)

beforeAll(async () => {
  await seedDemoData(prisma(), mediaStorage())
  const outfits = await prisma().outfit.findMany({ where: { published: true }, take: 3, orderBy: { slug: 'asc' } })
  slugs = outfits.map((outfit) => outfit.slug)
  // The server, not this test, must own the embedded database: it is the process that gets killed.
  await database.release()
  server = await startServer()
}, 600_000)

afterAll(async () => {
  if (process.env.DEBUG_E2E) console.info(server?.output.join('').slice(-20_000))
  await server?.stop()
})

type Acknowledged = { likes: { visitor: string; slug: string }[]; comments: string[] }

/** Shoppers liking and commenting as fast as answers come, until the server stops answering. */
async function writeUntilTheServerDies(shoppers: number, acknowledged: Acknowledged): Promise<number> {
  let attempts = 0
  const shopper = async (n: number) => {
    for (let i = 0; ; i++) {
      attempts++
      const slug = slugs[(n + i) % slugs.length]!
      const visitor = randomUUID()
      const commenting = i % 4 === 3
      try {
        const response = await fetch(`${server.url}/api/${commenting ? 'comments' : 'likes'}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: `lb_visitor=${visitor}`,
            // Each shopper from an address of its own, as on launch day (the per-address limit).
            'x-forwarded-for': `198.51.100.${n + 1}`,
          },
          body: JSON.stringify(
            commenting
              ? { type: 'outfit', slug, authorName: `Shopper ${n}`, body: `Comment ${i} from shopper ${n}` }
              : { type: 'outfit', slug, liked: true },
          ),
        })
        const body = (await response.json()) as { comment?: { id: string } }
        if (response.status === 200) acknowledged.likes.push({ visitor, slug })
        if (response.status === 201) acknowledged.comments.push(body.comment!.id)
      } catch {
        return // the server is gone: what was in flight was never acknowledged
      }
    }
  }
  await Promise.all(Array.from({ length: shoppers }, (_, n) => shopper(n)))
  return attempts
}

describe('the server killed under load', () => {
  it('comes back on the same data with every acknowledged write, once, and consistent counters', async () => {
    const acknowledged: Acknowledged = { likes: [], comments: [] }
    const load = writeUntilTheServerDies(8, acknowledged)
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    await server.crash()
    const attempts = await load
    expect(acknowledged.likes.length).toBeGreaterThan(20) // the load was real
    expect(acknowledged.comments.length).toBeGreaterThan(0)

    server = await startServer()
    const outfits = await prisma().outfit.findMany({ where: { slug: { in: slugs } } })
    const idOf = new Map(outfits.map((outfit) => [outfit.slug, outfit.id]))

    const likes = await prisma().like.findMany({
      where: { visitorId: { in: acknowledged.likes.map((like) => like.visitor) } },
    })
    const stored = new Set(likes.map((like) => `${like.visitorId} ${like.targetId}`))
    const missing = acknowledged.likes.filter((like) => !stored.has(`${like.visitor} ${idOf.get(like.slug)}`))
    expect(missing).toEqual([])
    expect(likes).toHaveLength(acknowledged.likes.length) // once each

    const comments = await prisma().comment.findMany({ where: { id: { in: acknowledged.comments } } })
    expect(comments).toHaveLength(acknowledged.comments.length)

    // The trigger-kept counters agree with the rows, and the server answers with them.
    for (const [slug, id] of idOf) {
      const { rows, counter } = await outfitLikeCounts(id)
      expect(counter, slug).toBe(rows)
      const state = (await (await fetch(`${server.url}/api/likes?type=outfit&slug=${slug}`)).json()) as {
        count: number
      }
      expect(state.count, slug).toBe(rows)
    }

    // And it takes writes again.
    const after = await fetch(`${server.url}/api/likes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'outfit', slug: slugs[0], liked: true }),
    })
    expect(after.status).toBe(200)
    console.info(
      `Killed under load after ${attempts} write attempts: ${acknowledged.likes.length} likes and ` +
        `${acknowledged.comments.length} comments acknowledged, all present after the restart.`,
    )
  })
})
