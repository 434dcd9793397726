// The production server's structured log: a JSON line for every request that did work (request id,
// method, route, path, status, duration, what the front cache did), the front cache's hits counted
// in one line a second, and nothing that names a visitor. Registered
// last from site.test.ts: by then editors have signed in, commented and uploaded on this server, and
// its whole log is searched for their addresses.
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import type { SuiteContext } from '../support/browser'

type Entry = Record<string, unknown> & { msg?: string; level?: string }

/** The server's log lines that are JSON entries (every line it printed since start, one per line). */
function entriesOf(output: string[]): Entry[] {
  return output
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Entry)
}

export function requestLogSuite(context: SuiteContext) {
  describe('the request log', () => {
    it('writes one JSON line per request: id, method, route, path, status, duration, cache', async () => {
      const { server } = context()
      const outfit = await prisma().outfit.findFirstOrThrow({ where: { published: true } })
      const id = `log-test-${Date.now()}`
      // Each request named by its own id, as Heroku's router does (letters, digits, dots, dashes).
      const asked: string[] = []
      const ask = (path: string, init: RequestInit = {}) => {
        asked.push(path)
        // What a visitor's request carries that must never reach the log (not on the page asked
        // twice: a request with a cookie is not answered from the front cache).
        const visitor: Record<string, string> = path.startsWith('/outfits/')
          ? {}
          : {
              'x-forwarded-for': '203.0.113.77',
              'user-agent': 'Marker-Agent/9.9',
              cookie: 'lb_marker=cookie-marker-value',
              authorization: 'Bearer authorization-marker',
            }
        const headers = { 'x-request-id': `${id}-${asked.length}`, ...visitor, ...init.headers }
        return fetch(`${server.url}${path}`, { redirect: 'manual', ...init, headers })
      }
      await ask(`/outfits/${outfit.slug}?utm_source=facebook_like`) // the tracking redirect
      // An address of its own, so that the first request is the front cache's miss, the second its hit.
      await ask(`/outfits/${outfit.slug}?view=${id}`)
      await ask(`/outfits/${outfit.slug}?view=${id}`)
      await ask('/products')
      await ask('/api/offers?skus=NOPE')
      await ask('/go/NOPE?from=someone@example.com')
      await ask('/no-such-page')
      await ask('/api/health', { method: 'HEAD' })
      // The log is written asynchronously; the hits' summary once a second.
      await new Promise((resolve) => setTimeout(resolve, 1_300))

      const entries = entriesOf(server.output)
      const lineOf = (n: number) => entries.find((entry) => entry.reqId === `${id}-${n}`)
      expect(lineOf(1)).toMatchObject({ status: 307, route: '/outfits/[slug]', path: `/outfits/${outfit.slug}` })
      expect(lineOf(2)).toMatchObject({
        level: 'info',
        msg: 'request',
        method: 'GET',
        route: '/outfits/[slug]',
        path: `/outfits/${outfit.slug}`,
        status: 200,
      })
      expect(typeof lineOf(2)!.ms).toBe('number')
      expect(typeof lineOf(2)!.time).toBe('string')
      expect(lineOf(2)).toMatchObject({ cache: 'miss' })
      // A hit has no line of its own: it is counted in the next summary, by route and status.
      expect(lineOf(3)).toBeUndefined()
      const summaries = entries.filter((entry) => entry.msg === 'front cache hits')
      expect(summaries.length).toBeGreaterThan(0)
      expect(summaries.at(-1)).toMatchObject({ level: 'info', seconds: 1 })
      const counted = (field: 'routes' | 'statuses', name: string) =>
        summaries.reduce((sum, entry) => sum + Number((entry[field] as Record<string, number>)[name] ?? 0), 0)
      expect(counted('routes', '/outfits/[slug]')).toBeGreaterThanOrEqual(1)
      expect(counted('statuses', '200')).toBeGreaterThanOrEqual(1)
      for (const entry of summaries) expect(Number(entry.hits)).toBeGreaterThan(0) // no empty lines
      expect(lineOf(4)).toMatchObject({ route: '/lists/products/[query]', status: 200 })
      expect(lineOf(5)).toMatchObject({ route: '/api/offers', cache: 'live' })
      expect(lineOf(6)).toMatchObject({ route: '/go/[sku]', path: '/go/NOPE' })
      expect(lineOf(7)).toMatchObject({ status: 404 })
      expect(lineOf(8)).toMatchObject({ method: 'HEAD', route: '/api/health', status: 200 })
      // Heroku's router names each request; one without a usable id gets one of ours.
      await fetch(`${server.url}/api/health`, { headers: { 'x-request-id': 'not an id, and / too long for one?' } })
      await new Promise((resolve) => setTimeout(resolve, 300))
      const health = entriesOf(server.output).filter((entry) => entry.path === '/api/health')
      expect(String(health.at(-1)!.reqId)).toMatch(/^[0-9a-f-]{36}$/)
    })

    it('names no visitor anywhere in the log: no IP address, no email address, no query string', async () => {
      const { server } = context()
      const editors = await prisma().editor.findMany({ select: { email: true } })
      expect(editors.length).toBeGreaterThan(0)
      const log = server.output.join('')
      expect(entriesOf(server.output).length).toBeGreaterThan(10)
      for (const { email } of editors) expect(log).not.toContain(email)
      expect(log).not.toContain('someone@example.com')
      expect(log).not.toMatch(/\b127\.0\.0\.1\b|"::1"|::ffff:/)
      expect(log).not.toContain('utm_source')
      for (const marker of ['203.0.113.77', 'Marker-Agent', 'cookie-marker-value', 'authorization-marker'])
        expect(log).not.toContain(marker)
      // Every line the server printed is a JSON entry with a level: one format for the log service.
      const lines = log.split('\n').filter((line) => line.trim() !== '')
      expect(lines.filter((line) => !line.startsWith('{"level":'))).toEqual([])
    })
  })
}
