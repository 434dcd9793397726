// The structured log's parts: entries as JSON with a level and time, secrets and addresses hidden
// wherever they turn up, a readable line on a terminal, jobs logged when they end, and requests
// named by their route.
import { describe, expect, it } from 'vitest'
import { createLog, prettyLine, runJob } from '@/lib/log'
import { hitSummary, routeNamer, routesOf } from '@/lib/server/request-log'

function capturedLog(level: 'info' | 'warn' = 'info') {
  const lines: string[] = []
  const logger = createLog({ level, destination: { write: (line: string) => void lines.push(line) } })
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  return { logger, entries }
}

describe('the log', () => {
  it('writes JSON entries with level, time and process, and only from its level up', () => {
    const { logger, entries } = capturedLog('warn')
    logger.info('not shown')
    logger.warn({ feed: 'x' }, 'shown')
    expect(entries()).toEqual([
      { level: 'warn', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), pid: process.pid, feed: 'x', msg: 'shown' },
    ])
  })

  it('hides email addresses, IP addresses and secrets, at the top and one level down', () => {
    const { logger, entries } = capturedLog()
    logger.info(
      {
        email: 'a@b.example',
        ip: '203.0.113.9',
        editor: { email: 'c@d.example', name: 'Kim' },
        authorization: 'Bearer x',
      },
      'sign-in',
    )
    const [entry] = entries()
    expect(entry).toMatchObject({ email: '[hidden]', ip: '[hidden]', editor: { email: '[hidden]', name: 'Kim' } })
    expect(JSON.stringify(entry)).not.toMatch(/a@b|c@d|203\.0\.113|Bearer/)
  })

  it('reads as one line on a terminal', () => {
    const line = prettyLine(
      '{"level":"info","time":"2026-11-30T10:11:12.345Z","pid":1,"msg":"request","route":"/outfits/[slug]","status":200}',
    )
    expect(line).toBe('10:11:12.345 INFO  request  route=/outfits/[slug] status=200\n')
    expect(prettyLine('not json')).toBe('not json')
  })

  it('logs a job when it ends, with its duration and result, or why it did not do its work', async () => {
    const { logger, entries } = capturedLog()
    const counted = await runJob('count', async () => ({ status: 'SUCCEEDED', n: 3 }), {
      fields: ({ n }) => ({ counted: n }),
      unsuccessful: ({ status }) => status !== 'SUCCEEDED',
      logger,
    })
    expect(counted.n).toBe(3)
    await runJob('refused', async () => ({ status: 'REFUSED' }), {
      unsuccessful: ({ status }) => status !== 'SUCCEEDED',
      logger,
    })
    await expect(runJob('break', async () => Promise.reject(new Error('feed refused')), { logger })).rejects.toThrow(
      'feed refused',
    )
    expect(entries()).toEqual([
      expect.objectContaining({ level: 'info', msg: 'job count', job: 'count', outcome: 'done', counted: 3 }),
      expect.objectContaining({ level: 'warn', msg: 'job refused unsuccessful', outcome: 'unsuccessful' }),
      expect.objectContaining({
        level: 'error',
        msg: 'job break failed',
        job: 'break',
        outcome: 'failed',
        error: { type: 'Error', message: 'feed refused' },
      }),
    ])
    expect(entries()[0]!.ms).toEqual(expect.any(Number))
  })
})

describe('route names', () => {
  const name = routeNamer(
    routesOf({
      rewrites: { afterFiles: [{ source: '/', regex: '^/(?:/)?$' }] },
      staticRoutes: [{ page: '/admin', regex: '^/admin(?:/)?$' }],
      dynamicRoutes: [
        { page: '/outfits/[slug]', regex: '^/outfits/([^/]+?)(?:/)?$' },
        { page: '/media/[...key]', regex: '^/media/(.+?)(?:/)?$' },
      ],
    }),
  )
  it("names a request by Next's page pattern, not its address", () => {
    expect(name('/')).toBe('/')
    expect(name('/admin')).toBe('/admin')
    expect(name('/outfits/red-carpet')).toBe('/outfits/[slug]')
    expect(name('/outfits/red-carpet')).toBe('/outfits/[slug]') // from its memory the second time
    expect(name('/media/ab/cd.jpg')).toBe('/media/[...key]')
    expect(name('/outfits')).toBe('/lists/outfits/[query]')
    expect(name('/_next/static/chunks/x.js')).toBe('/_next/static')
    expect(name('/wp-login.php')).toBe('(none)')
  })
})

describe("the front cache's hits", () => {
  it('are counted by route and status and written once an interval, never as an empty line', async () => {
    const { logger, entries } = capturedLog()
    const hits = hitSummary(logger, 50)
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(entries()).toEqual([]) // no hits, no line
    hits.count('/outfits/[slug]', 200)
    hits.count('/outfits/[slug]', 304)
    hits.count('/_next/static', 200)
    await new Promise((resolve) => setTimeout(resolve, 60))
    hits.count('/', 200)
    hits.stop() // at close: what is counted is written at once
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'front cache hits',
        hits: 3,
        seconds: 0.05,
        routes: { '/outfits/[slug]': 2, '/_next/static': 1 },
        statuses: { 200: 2, 304: 1 },
      }),
      expect.objectContaining({ msg: 'front cache hits', hits: 1, routes: { '/': 1 }, statuses: { 200: 1 } }),
    ])
  })
})
