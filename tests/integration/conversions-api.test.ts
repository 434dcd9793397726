// The server's half of measurement: POST /api/events as the server calls it, and the queue that
// passes events on to Meta's Conversions API — here a local server checking each payload against
// Meta's documented format (tests/support/graph-api-server.ts). Only with consent; never waiting
// for Meta; retried when Meta fails for a moment, never beyond its bounds.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { NextRequest } from 'next/server'
import { createHash } from 'node:crypto'
import { resetSettingsForTests } from '@/lib/env'
import { POST as postEvent } from '@/app/api/events/route'
import { conversionsQueue, resetConversionsQueueForTests } from '@/lib/tracking'
import { ConversionsQueue, serverEvent } from '@/lib/tracking/conversions-api'
import { startGraphApiServer, type GraphApiServer } from '../support/graph-api-server'

let graph: GraphApiServer
const SETTINGS = ['META_PIXEL_ID', 'META_CAPI_ACCESS_TOKEN', 'META_GRAPH_API_URL', 'SITE_URL'] as const
const saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]))

function configure(values: Partial<Record<(typeof SETTINGS)[number], string>>) {
  for (const name of SETTINGS) delete process.env[name]
  Object.assign(process.env, values)
  resetSettingsForTests()
  resetConversionsQueueForTests()
}

beforeAll(async () => {
  graph = await startGraphApiServer()
})
afterEach(() => configure(saved as Record<string, string>))
afterAll(async () => {
  await graph.close()
})

const VISITOR = '0b6f4c52-9a3e-4d5b-8f7a-2c1d3e4f5a6b'
const ATTRIBUTION = encodeURIComponent(
  JSON.stringify({
    utm_source: 'facebook',
    fbclid: 'IwAR3xyz_Q-1',
    landedAt: '2026-11-29T08:00:00.000Z',
    landingPath: '/',
  }),
)
function event(
  body: unknown,
  cookie = `lb_consent=granted; lb_visitor=${VISITOR}; lb_attribution=${ATTRIBUTION}; _fbp=fb.1.1764400000000.1234567890`,
) {
  return postEvent(
    new NextRequest('http://localhost/api/events', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        cookie,
        'user-agent': 'Mozilla/5.0 (iPhone) [FBAN/FBIOS]',
        'x-forwarded-for': '203.0.113.50',
      },
    }),
  )
}
const on = () =>
  configure({
    META_PIXEL_ID: '1234567890',
    META_CAPI_ACCESS_TOKEN: 'EAAB-test-token-0123456789',
    META_GRAPH_API_URL: graph.url,
    SITE_URL: 'https://lookbook.example.com',
  })

describe('POST /api/events', () => {
  it('passes a consented event on to the Conversions API with the same id, the click id, the hashed visitor and the browser', async () => {
    on()
    const before = graph.events().length
    const response = await event({
      name: 'ViewContent',
      id: 'b7c1e2d3-0000-4000-8000-000000000001',
      path: '/outfits/city-walk',
      data: { content_ids: ['LB-TOP-10000', 'LB-SKI-10037'], content_type: 'product', content_name: 'City Walk' },
    })
    expect(response.status).toBe(202)
    expect(await response.json()).toEqual({ accepted: true, sentToMeta: true })
    await conversionsQueue()!.flush()
    expect(graph.batches.at(-1)!.pixelId).toBe('1234567890')
    expect(graph.batches.at(-1)!.body.access_token).toBe('EAAB-test-token-0123456789')
    const [sent] = graph.events().slice(before)
    expect(sent).toEqual({
      event_name: 'ViewContent',
      event_time: expect.any(Number),
      event_id: 'b7c1e2d3-0000-4000-8000-000000000001',
      event_source_url: 'https://lookbook.example.com/outfits/city-walk',
      action_source: 'website',
      user_data: {
        client_ip_address: '203.0.113.50',
        client_user_agent: 'Mozilla/5.0 (iPhone) [FBAN/FBIOS]',
        fbc: `fb.1.${Date.parse('2026-11-29T08:00:00.000Z')}.IwAR3xyz_Q-1`,
        fbp: 'fb.1.1764400000000.1234567890',
        external_id: [createHash('sha256').update(VISITOR).digest('hex')],
      },
      custom_data: {
        content_ids: ['LB-TOP-10000', 'LB-SKI-10037'],
        content_type: 'product',
        content_name: 'City Walk',
      },
    })
  })

  it('sends nothing without consent, nor when no pixel is set up', async () => {
    on()
    const before = graph.events().length
    for (const cookie of ['', 'lb_consent=denied', 'lb_consent=granted-ish', `lb_visitor=${VISITOR}`]) {
      const response = await event({ name: 'PageView', id: 'b7c1e2d3-0000-4000-8000-000000000002', path: '/' }, cookie)
      expect(response.status, cookie).toBe(403)
      expect((await response.json()).error).toMatch(/No consent/)
    }
    await conversionsQueue()!.flush()
    expect(graph.events().length).toBe(before)

    configure({})
    expect((await event({ name: 'PageView', id: 'b7c1e2d3-0000-4000-8000-000000000003', path: '/' })).status).toBe(404)
    configure({ META_PIXEL_ID: '1234567890' }) // the pixel alone: the browser measures, the server sends nothing
    expect(
      await (await event({ name: 'PageView', id: 'b7c1e2d3-0000-4000-8000-000000000004', path: '/' })).json(),
    ).toEqual({
      accepted: true,
      sentToMeta: false,
    })
  })

  it('refuses what is not an event of ours with 400 and a reason', async () => {
    on()
    for (const [body, field] of [
      [{ name: 'Purchase', id: 'abcdefgh-1', path: '/' }, 'name'],
      [{ name: 'PageView', id: 'short', path: '/' }, 'id'],
      [{ name: 'PageView', id: 'abcdefgh-1', path: 'https://evil.example/' }, 'path'],
      [{ name: 'PageView', id: 'abcdefgh-1', path: '//evil.example/x' }, 'path'],
      [{ name: 'PageView', id: 'abcdefgh-1', path: '/\\evil.example/x' }, 'path'],
      [{ name: 'ViewContent', id: 'abcdefgh-1', path: '/', data: { content_ids: ['<script>'] } }, 'data'],
      [{ name: 'ViewContent', id: 'abcdefgh-1', path: '/', data: { email: 'a@b.c' } }, 'data'],
    ] as const) {
      const response = await event(body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(Object.keys((await response.json()).fields ?? {}), JSON.stringify(body)).toContain(field)
    }
    expect((await event('{"name":')).status).toBe(400)
    expect(
      (await event(JSON.stringify({ name: 'PageView', id: 'abcdefgh-1', path: `/${'x'.repeat(5000)}` }))).status,
    ).toBe(413)
  })

  it('answers before Meta does: the page never waits for it', async () => {
    on()
    const held = graph.hold()
    const response = await event({ name: 'PageView', id: 'b7c1e2d3-0000-4000-8000-000000000005', path: '/' })
    expect(response.status).toBe(202) // answered while Meta's answer is still held
    const flushed = conversionsQueue()!.flush()
    held.release()
    await flushed
    expect(graph.events().map((e) => e.event_id)).toContain('b7c1e2d3-0000-4000-8000-000000000005')
  })
})

describe('the Conversions API queue', () => {
  const queueFor = (options: Partial<ConstructorParameters<typeof ConversionsQueue>[0]> = {}) =>
    new ConversionsQueue({
      graphUrl: graph.url,
      pixelId: '99999',
      accessToken: 'token-0123456789abcdef',
      retryAfterMs: 10,
      ...options,
    })
  const one = (id: string) =>
    serverEvent(
      { name: 'PageView', id, url: 'https://lookbook.example.com/' },
      { ip: '203.0.113.1', userAgent: 'UA', fbp: null, fbc: null, visitorId: null },
    )

  it('tries again when Meta fails for a moment, and delivers each event once', async () => {
    const queue = queueFor()
    graph.failNext(2, 503)
    queue.add(one('retry-event-1'))
    await queue.flush()
    expect(graph.events().filter((e) => e.event_id === 'retry-event-1')).toHaveLength(1)
    expect(queue.counts).toEqual({ sent: 1, dropped: 0, failed: 0 })
  })

  it('gives up on an event Meta refuses, and after its tries when Meta stays down', async () => {
    const queue = queueFor({ tries: 3 })
    graph.failNext(1, 400)
    queue.add(one('refused-event'))
    await queue.flush()
    graph.failNext(3, 500)
    queue.add(one('never-answered'))
    await queue.flush()
    expect(queue.counts).toEqual({ sent: 0, dropped: 0, failed: 2 })
    expect(graph.events().map((e) => e.event_id)).not.toContain('refused-event')
  })

  it('sends one batch at a time: while Meta is slow, new events wait within the capacity', async () => {
    const queue = queueFor({ capacity: 3, batchSize: 2 })
    const held = graph.hold()
    queue.add(one('slow-1'))
    const flushed = queue.flush() // the first batch is on its way, Meta has not answered
    await new Promise((resolve) => setTimeout(resolve, 50))
    for (let i = 2; i <= 7; i++) queue.add(one(`slow-${i}`))
    expect(queue.counts.dropped).toBe(3) // 6 arrived, 3 fit: the oldest went
    held.release()
    await flushed
    expect(queue.counts).toEqual({ sent: 4, dropped: 3, failed: 0 })
    expect(
      graph
        .events()
        .map((e) => e.event_id)
        .filter((id) => String(id).startsWith('slow-')),
    ).toEqual(['slow-1', 'slow-5', 'slow-6', 'slow-7'])
  })

  it('keeps at most its capacity waiting, dropping the oldest, and sends in batches', async () => {
    const queue = queueFor({ capacity: 3, batchSize: 2 })
    const batchesBefore = graph.batches.length
    for (let i = 1; i <= 5; i++) queue.add(one(`bounded-${i}`))
    await queue.flush()
    expect(queue.counts).toEqual({ sent: 3, dropped: 2, failed: 0 })
    const sent = graph
      .events()
      .map((e) => e.event_id)
      .filter((id) => String(id).startsWith('bounded-'))
    expect(sent).toEqual(['bounded-3', 'bounded-4', 'bounded-5'])
    expect(graph.batches.length - batchesBefore).toBe(2)
  })
})
