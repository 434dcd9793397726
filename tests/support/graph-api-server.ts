// A stand-in for Meta's Graph API (POST /<version>/<pixel>/events), checking every event it gets
// against the Conversions API's documented format, so a payload Meta would refuse fails the test
// that caused it. It can answer with a failure first, or hold its answers until told.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type ReceivedBatch = {
  pixelId: string
  body: { data: Record<string, unknown>[]; access_token: string; test_event_code?: string }
}

const SHA256_HEX = /^[0-9a-f]{64}$/
const FBC = /^fb\.1\.\d{13}\.[A-Za-z0-9_-]+$/
const FBP = /^fb\.[0-2]\.\d{10,13}\.\d+$/
const STANDARD_OR_CUSTOM = /^[A-Za-z][A-Za-z0-9_]{0,49}$/

/** What Meta documents for a website event; returns the problems found (none: a valid event). */
export function problemsWithEvent(event: Record<string, unknown>, now = Date.now()): string[] {
  const problems: string[] = []
  const user = (event.user_data ?? {}) as Record<string, unknown>
  if (typeof event.event_name !== 'string' || !STANDARD_OR_CUSTOM.test(event.event_name)) problems.push('event_name')
  const time = event.event_time
  if (!Number.isInteger(time) || Math.abs(now / 1000 - (time as number)) > 7 * 24 * 3600)
    problems.push('event_time (Unix seconds, within 7 days)')
  if (typeof event.event_id !== 'string' || event.event_id.length === 0) problems.push('event_id')
  if (event.action_source !== 'website') problems.push('action_source')
  try {
    if (!/^https?:$/.test(new URL(String(event.event_source_url)).protocol)) problems.push('event_source_url')
  } catch {
    problems.push('event_source_url (absolute URL)')
  }
  // Website events need the browser's user agent; IP and the ids are matched when present.
  if (typeof user.client_user_agent !== 'string' || !user.client_user_agent)
    problems.push('user_data.client_user_agent')
  if (user.client_ip_address !== undefined && typeof user.client_ip_address !== 'string')
    problems.push('client_ip_address')
  if (user.fbc !== undefined && !FBC.test(String(user.fbc))) problems.push('user_data.fbc')
  if (user.fbp !== undefined && !FBP.test(String(user.fbp))) problems.push('user_data.fbp')
  if (
    user.external_id !== undefined &&
    !(Array.isArray(user.external_id) && user.external_id.every((id) => SHA256_HEX.test(String(id))))
  )
    problems.push('user_data.external_id (SHA-256 hex)')
  const custom = event.custom_data as Record<string, unknown> | undefined
  if (custom !== undefined) {
    if (
      custom.content_ids !== undefined &&
      !(Array.isArray(custom.content_ids) && custom.content_ids.every((id) => typeof id === 'string'))
    )
      problems.push('custom_data.content_ids')
    if (custom.content_type !== undefined && !['product', 'product_group'].includes(String(custom.content_type)))
      problems.push('custom_data.content_type')
  }
  return problems
}

export type GraphApiServer = {
  url: string
  batches: ReceivedBatch[]
  events: () => Record<string, unknown>[]
  /** Answers the next `count` requests with this status instead of 200. */
  failNext: (count: number, status: number) => void
  /** Holds answers until release() is called. */
  hold: () => { release: () => void }
  close: () => Promise<void>
}

export async function startGraphApiServer(version = 'v23.0'): Promise<GraphApiServer> {
  const batches: ReceivedBatch[] = []
  let failures: { count: number; status: number } = { count: 0, status: 200 }
  let gate: Promise<void> | null = null
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => void answerWhenAllowed())
    async function answerWhenAllowed() {
      if (gate) await gate
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(body))
      }
      const match = new RegExp(`^/${version}/(\\d+)/events$`).exec(request.url ?? '')
      if (request.method !== 'POST' || !match) return answer(404, { error: { message: 'Unknown path' } })
      if (failures.count > 0) {
        failures.count--
        return answer(failures.status, { error: { message: 'Failing as asked' } })
      }
      let body: ReceivedBatch['body']
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return answer(400, { error: { message: 'Not JSON' } })
      }
      if (!body.access_token) return answer(400, { error: { message: 'access_token missing' } })
      if (!Array.isArray(body.data) || body.data.length === 0 || body.data.length > 1000)
        return answer(400, { error: { message: 'data must hold 1 to 1000 events' } })
      const problems = body.data.flatMap((event) =>
        problemsWithEvent(event).map((problem) => `${event.event_id}: ${problem}`),
      )
      if (problems.length > 0) return answer(400, { error: { message: `Invalid events: ${problems.join('; ')}` } })
      batches.push({ pixelId: match[1]!, body })
      answer(200, { events_received: body.data.length, messages: [], fbtrace_id: 'test' })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/${version}`,
    batches,
    events: () => batches.flatMap((batch) => batch.body.data),
    failNext: (count, status) => (failures = { count, status }),
    hold: () => {
      let release!: () => void
      gate = new Promise<void>((resolve) => (release = resolve))
      return {
        release: () => {
          gate = null
          release()
        },
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
