// Meta's Conversions API: the events the browser's pixel sends, sent again from the server with
// the same event_id (Meta keeps one of each pair), so measurement survives ad blockers and
// in-app browsers that drop the pixel's requests. Events wait in a bounded queue and go out in
// batches; a page or an API answer never waits for Meta. Only for visitors who consented: the
// caller checks that (app/api/events/route.ts).
import { createHash } from 'node:crypto'
import type { TrackedEvent } from './consent'

export type ServerEvent = {
  event_name: TrackedEvent
  event_time: number
  event_id: string
  event_source_url: string
  action_source: 'website'
  user_data: {
    client_ip_address?: string
    client_user_agent?: string
    fbc?: string
    fbp?: string
    external_id?: string[]
  }
  custom_data?: { content_ids?: string[]; content_type?: 'product'; content_name?: string }
}

export type VisitorFacts = {
  ip: string | null
  userAgent: string | null
  /** Meta's browser id cookie (_fbp), when the pixel set one. */
  fbp: string | null
  /** Meta's click id cookie (_fbc), else built from the fbclid our attribution cookie kept. */
  fbc: string | null
  /** Our anonymous visitor id, hashed here as Meta asks for external ids. */
  visitorId: string | null
}

const FBP = /^fb\.[0-2]\.\d{10,13}\.\d{1,30}$/
const FBC = /^fb\.[0-2]\.\d{10,13}\.[A-Za-z0-9_-]{1,500}$/

/** fbc as Meta documents it: fb.1.<when the click landed, ms>.<fbclid>. */
export function fbcFromClick(fbclid: string | undefined, landedAt: string | undefined): string | null {
  const when = landedAt ? Date.parse(landedAt) : NaN
  if (!fbclid || !/^[A-Za-z0-9_-]{1,500}$/.test(fbclid) || Number.isNaN(when)) return null
  return `fb.1.${when}.${fbclid}`
}

export function serverEvent(
  event: { name: TrackedEvent; id: string; url: string; customData?: ServerEvent['custom_data'] },
  visitor: VisitorFacts,
  now = Date.now(),
): ServerEvent {
  const user: ServerEvent['user_data'] = {}
  if (visitor.ip) user.client_ip_address = visitor.ip
  if (visitor.userAgent) user.client_user_agent = visitor.userAgent.slice(0, 512)
  if (visitor.fbp && FBP.test(visitor.fbp)) user.fbp = visitor.fbp
  if (visitor.fbc && FBC.test(visitor.fbc)) user.fbc = visitor.fbc
  if (visitor.visitorId) user.external_id = [createHash('sha256').update(visitor.visitorId).digest('hex')]
  return {
    event_name: event.name,
    event_time: Math.floor(now / 1000),
    event_id: event.id,
    event_source_url: event.url,
    action_source: 'website',
    user_data: user,
    ...(event.customData && Object.keys(event.customData).length > 0 ? { custom_data: event.customData } : {}),
  }
}

export type QueueOptions = {
  graphUrl: string
  pixelId: string
  accessToken: string
  testEventCode?: string
  /** Events waiting at most; beyond it the oldest are dropped (and counted). */
  capacity?: number
  /** Sent together at most (Meta takes up to 1,000). */
  batchSize?: number
  /** How long an event may wait for others to fill a batch. */
  flushAfterMs?: number
  /** Tries per batch on a network error, a timeout, 429 or 5xx; waits double each time. */
  tries?: number
  retryAfterMs?: number
  timeoutMs?: number
}

type Counts = { sent: number; dropped: number; failed: number }

export class ConversionsQueue {
  private readonly waiting: ServerEvent[] = []
  private timer: NodeJS.Timeout | undefined
  private sending: Promise<void> = Promise.resolve()
  private draining = false
  readonly counts: Counts = { sent: 0, dropped: 0, failed: 0 }
  private readonly options: Required<Omit<QueueOptions, 'testEventCode'>> & { testEventCode?: string }

  constructor(options: QueueOptions) {
    this.options = {
      capacity: 2_000,
      batchSize: 200,
      flushAfterMs: 1_000,
      tries: 4,
      retryAfterMs: 1_000,
      timeoutMs: 10_000,
      ...options,
    }
  }

  /** Queues an event; never waits, never throws. */
  add(event: ServerEvent): void {
    if (this.waiting.length >= this.options.capacity) {
      this.waiting.shift()
      this.counts.dropped++
    }
    this.waiting.push(event)
    if (this.waiting.length >= this.options.batchSize) this.flushSoon(0)
    else this.flushSoon(this.options.flushAfterMs)
  }

  /**
   * Sends what waits, one batch at a time, until nothing waits; resolves then. One sender only:
   * while Meta is slow or away, new events wait in the queue, where the capacity holds.
   */
  flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    if (!this.draining) {
      this.draining = true
      this.sending = this.drain().finally(() => {
        this.draining = false
      })
    }
    return this.sending
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) await this.send(this.waiting.splice(0, this.options.batchSize))
  }

  private flushSoon(delay: number): void {
    if (this.timer && delay > 0) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), delay)
    this.timer.unref()
  }

  private async send(batch: ServerEvent[]): Promise<void> {
    const { graphUrl, pixelId, accessToken, testEventCode, tries, retryAfterMs, timeoutMs } = this.options
    const body = JSON.stringify({
      data: batch,
      access_token: accessToken,
      ...(testEventCode ? { test_event_code: testEventCode } : {}),
    })
    for (let attempt = 1; attempt <= tries; attempt++) {
      let status = 0
      try {
        const response = await fetch(`${graphUrl.replace(/\/$/, '')}/${pixelId}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        })
        status = response.status
        await response.arrayBuffer().catch(() => undefined)
        if (response.ok) {
          this.counts.sent += batch.length
          return
        }
      } catch {
        // A network error or a timeout: worth another try.
      }
      const lasting = status >= 400 && status < 500 && status !== 429
      if (lasting || attempt === tries) {
        this.counts.failed += batch.length
        console.warn(
          `Conversions API: ${batch.length} events not sent (${status ? `HTTP ${status}` : 'no answer'}${lasting ? ', not retried' : `, after ${tries} tries`})`,
        )
        return
      }
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs * 2 ** (attempt - 1)).unref())
    }
  }
}
