// Two instances of the production build, each with its own disk cache and front cache (as two
// Heroku dynos, each with two worker processes), sharing the database and Redis: an editor's save
// on one must show on the other within a second, not after the 300 s revalidate window. Their Redis
// is Heroku Redis's shape: TLS only, a self-signed certificate, REDIS_TLS=no-verify as app.json sets.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest'
import { rm } from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { createRedisClient } from '@/lib/kv/redis-client.js'
import type { Browser } from 'playwright-core'
import { prisma } from '@/lib/db/client'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { useFreshDatabase } from '../support/database'
import { copyProductionBuild, ensureProductionBuild, startNext, type RunningServer } from '../support/next-server'
import { browserAvailable, launchBrowser, settle } from '../support/browser'
import { ROOT } from '../support/test-env'
import { signInAsDemoEditor } from '../support/admin-session'
import { canRunOwnRedis, createOwnRedis, type OwnRedis } from '../support/own-redis'

const database = useFreshDatabase()
const servers: RunningServer[] = []
let browser: Browser | undefined
let redis: OwnRedis | undefined

describe.runIf(canRunOwnRedis)('several instances', () => {
  beforeAll(async () => {
    redis = await createOwnRedis({ tls: true })
    await ensureProductionBuild()
    const [a, b] = [await copyProductionBuild('.next-test-dyno-a'), await copyProductionBuild('.next-test-dyno-b')]
    await seedDemoData(prisma(), mediaStorage())
    for (const distDir of [a, b])
      servers.push(
        await startNext(
          { ...database.env(), REDIS_URL: redis.url, REDIS_TLS: 'no-verify', WEB_CONCURRENCY: '2' },
          { distDir },
        ),
      )
    if (browserAvailable()) browser = await launchBrowser()
  }, 600_000)

  afterAll(async () => {
    if (process.env.DEBUG_E2E) for (const server of servers) console.info(server.output.join('').slice(-10_000))
    await browser?.close()
    for (const server of servers) await server.stop()
    for (const distDir of ['.next-test-dyno-a', '.next-test-dyno-b'])
      await rm(path.join(ROOT, distDir), { recursive: true, force: true })
    await redis?.remove()
  })

  it.runIf(browserAvailable())(
    'show an edit saved on one instance on the other within two seconds',
    { timeout: 120_000 },
    async () => {
      const [a, b] = servers as [RunningServer, RunningServer]
      // What the servers said (a Redis warning, say) is what explains a failure here.
      onTestFailed(() => {
        for (const [name, server] of [['A', a] as const, ['B', b] as const])
          console.info(`Instance ${name} printed:\n${server.output.join('').slice(-4_000)}`)
      })
      const outfit = await prisma().outfit.findFirstOrThrow({
        where: { published: true },
        orderBy: { slug: 'asc' },
        include: { idol: true },
      })
      // Every worker of B, not just the one a kept-alive connection sticks to: four answers in a
      // row on new connections (which go to the workers in turn) must all show it. (One worker kept
      // an old page once, when a sibling's replacement was renamed in while it read the file.)
      const everyWorkerOfB = async (path: string, shows: (body: string) => boolean) => {
        for (let i = 0; i < 4; i++) if (!shows((await getOnNewConnection(`${b.url}${path}`)).body)) return false
        return true
      }
      // Both worker processes of both instances have the outfit, its idol and the landing page in
      // their front caches (each new connection goes to the next worker).
      for (const server of [a, b]) {
        for (const path of [`/outfits/${outfit.slug}`, `/idols/${outfit.idol.slug}`, '/']) {
          for (let i = 0; i < 4; i++) await getOnNewConnection(`${server.url}${path}`)
          for (let i = 0; i < 4; i++)
            expect((await getOnNewConnection(`${server.url}${path}`)).cache, `${server.url}${path}`).toBe('HIT')
        }
      }

      const page = await browser!.newPage()
      await signInAsDemoEditor(page, a.url)
      await settle(page, `${a.url}/admin/outfits/${outfit.id}`)
      const title = `${outfit.title} — seen everywhere ${Date.now() % 10000}`
      await page.getByLabel('Title').fill(title)
      await page.getByRole('button', { name: 'Save', exact: true }).click()
      await page.getByText('Saved. The public pages show it now.').waitFor()
      await page.close()

      // On the instance that saved, every worker shows it at once (the primary relayed it).
      for (let i = 0; i < 4; i++)
        expect((await getOnNewConnection(`${a.url}/outfits/${outfit.slug}`)).body).toContain(title)

      // The edit reaches B at once (Redis, read every 100 ms) and B replaces each page that shows
      // it: a visitor there gets the old one until the new one is rendered, not a wait. A page not
      // replaced within 1.5 s is forgotten, so each shows the save within two seconds at most
      // (seen: tens to a few hundred milliseconds).
      const saved = Date.now()
      async function shownOnB(what: string, shows: () => Promise<boolean>): Promise<number> {
        while (Date.now() - saved < 5_000) {
          // Timed from the start of the round that found every worker showing it: the four requests
          // of a round take a while themselves on a loaded machine, and that is not the site's delay.
          const round = Date.now()
          if (await shows()) return round - saved
        }
        throw new Error(`${what} on instance B never showed the save`)
      }
      const showsTitle = (body: string) => body.includes(title)
      const reachedAfter = await Promise.all([
        shownOnB('the outfit page', () => everyWorkerOfB(`/outfits/${outfit.slug}`, showsTitle)),
        shownOnB('the idol page', () => everyWorkerOfB(`/idols/${outfit.idol.slug}`, showsTitle)),
        shownOnB('the outfit API', () =>
          everyWorkerOfB(`/api/outfits/${outfit.slug}`, (body) => JSON.parse(body).title === title),
        ),
      ])
      console.info(`Instance B showed the save ${reachedAfter.join(', ')} ms after it was answered on A`)
      // Through that TLS Redis, not by luck: the invalidation is in it, and so is the KV's data.
      const raw = createRedisClient(redis!.url, { tls: 'no-verify' })
      await raw.connect()
      try {
        expect(await raw.keys('lookbook:next-tags:*')).not.toHaveLength(0)
      } finally {
        await raw.close()
      }
      // (A busy machine may still see a slow first answer; a refused certificate would say so.)
      for (const server of [a, b]) expect(server.output.join('')).not.toMatch(/certificate|REDIS_TLS/)
      for (const after of reachedAfter) expect(after).toBeLessThanOrEqual(2_000)
      // And B's workers cache the new page again.
      for (let i = 0; i < 4; i++) await getOnNewConnection(`${b.url}/outfits/${outfit.slug}`)
      for (let i = 0; i < 4; i++) {
        const again = await getOnNewConnection(`${b.url}/outfits/${outfit.slug}`)
        expect([again.cache, again.body.includes(title)]).toEqual(['HIT', true])
      }
    },
  )
})

/** A GET on a connection of its own, so that successive calls reach the server's workers in turn. */
function getOnNewConnection(url: string): Promise<{ cache: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => resolve({ cache: response.headers['x-lookbook-cache'] as string | undefined, body }))
      })
      .on('error', reject)
  })
}
