// A server listening on a loopback address only (HOST=127.0.0.1, behind nginx as in
// docs/deploy-server.md) answers the listing pages itself. Next writes loopback addresses as
// `localhost` in its proxy's URLs: told 127.0.0.1 as its own origin, it took the listing rewrites
// (lib/proxy/listing-rewrite.ts) for another origin's and proxied each one over HTTP back to the
// server, a second request per page, with Node's MaxListenersExceededWarning (11 close listeners on
// the first request's response) in the log at error level (lib/server/next-hostname.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { createProduct } from '@/prisma/seed/factories'
import { useFreshDatabase } from '../support/database'
import { startNext, useBuildCopy, type RunningServer } from '../support/next-server'

const DIST_DIR = '.next-test-loopback'
const database = useFreshDatabase()
useBuildCopy(DIST_DIR)
let server: RunningServer
const categories = ['Tops', 'Knitwear', 'Dresses']

beforeAll(async () => {
  for (const category of categories) for (let n = 0; n < 3; n++) await createProduct(prisma(), { category })
  server = await startNext({ ...database.env(), HOST: '127.0.0.1' }, { distDir: DIST_DIR })
}, 600_000)

afterAll(async () => {
  await server?.stop()
})

describe('a server on a loopback address', () => {
  it('answers listing pages without proxying them to itself', async () => {
    // Each category once (a render) and again (from the front cache), as a browser asks.
    for (const category of [...categories, ...categories]) {
      const response = await fetch(`${server.url}/products?category=${category}`, {
        headers: { 'accept-encoding': 'gzip, br' },
      })
      expect(response.status).toBe(200)
      expect(await response.text()).toContain(`Products: ${category}`)
    }
    // The log is written in batches every 200 ms, the front cache's hits counted once a second:
    // three renders, a line each, and three hits in the summaries.
    const lines = () => server.output.join('').split('\n')
    const rendered = () => lines().filter((line) => line.includes('"path":"/products"'))
    const hits = () =>
      lines()
        .filter((line) => line.includes('"msg":"front cache hits"'))
        .reduce((sum, line) => sum + Number(JSON.parse(line).routes['/lists/products/[query]'] ?? 0), 0)
    const deadline = Date.now() + 5_000
    while ((rendered().length < 3 || hits() < 3) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100))
    expect(rendered()).toHaveLength(3)
    expect(hits()).toBe(3)
    // A proxied rewrite comes back in as a request of its own, for the internal route.
    expect(lines().filter((line) => line.includes('"path":"/lists/'))).toEqual([])
    expect(server.output.join('')).not.toContain('MaxListenersExceededWarning')
  })
})
