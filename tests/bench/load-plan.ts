// What a load generator is asked to send, independent of the tool (wrk or autocannon): weighted
// groups of requests, each group picking its path and body at random from its lists, so one plan
// can spread over every page of the demo or post as ever-new visitors.

/** What a request is, for counting the writes a scenario made and for the expected statuses. */
export type RequestKind = 'page' | 'api' | 'offers' | 'like' | 'comment' | 'click'

export type RequestGroup = {
  kind: RequestKind
  /** Share of this group among the plan's groups (any positive numbers; normalised). */
  weight: number
  method: 'GET' | 'POST'
  paths: string[]
  /** POST bodies, one picked per request (JSON). */
  bodies?: string[]
  /**
   * A new X-Forwarded-For address on every request, as if each came from another visitor: the
   * comment API limits 20 comments per address, and the bench measures writes, not the limiter.
   */
  newAddressPerRequest?: boolean
}

export type LoadPlan = {
  name: string
  groups: RequestGroup[]
  /** Statuses that are answers, not errors (anything else counts as an error). */
  expectedStatuses: number[]
  /**
   * Each connection pauses this long (ms, at random between the two) before each request: a
   * shopper reading a page, not a flood. wrk only (autocannon cannot pause; it says so).
   */
  thinkMs?: readonly [number, number]
}

export type LoadOptions = {
  baseUrl: string
  seconds: number
  connections: number
  threads: number
  /** Give up on a request after this long (counted as a timeout error). */
  timeoutSeconds: number
  /** Pin the load generator to these CPUs (taskset -c), e.g. "1" for the one-core model. */
  cpus?: string
  /** Distinguishes this run's made-up client addresses from an earlier run's (Redis keeps counts). */
  runId: number
}

export type LoadResult = {
  tool: 'wrk' | 'autocannon'
  requests: number
  seconds: number
  requestsPerSecond: number
  latencyMs: { p50: number; p90: number; p99: number; max: number }
  statuses: Record<string, number>
  /** Answers by the front cache's x-lookbook-cache header (HIT, MISS, STALE, BYPASS); empty without it. */
  cacheStates: Record<string, number>
  /** Accepted writes by kind (2xx answers to likes and comments, 302s of shop clicks), for the database check. */
  accepted: { like: number; comment: number; click: number }
  /** Requests sent whose answer had not arrived when the run stopped (they may still be written). */
  unanswered: number
  socketErrors: { connect: number; read: number; write: number; timeout: number }
  /** Answers with an unexpected status plus socket errors and timeouts. */
  errors: number
}

/** What a current desktop Chrome sends, so the figures include compression like real visits. */
export const CHROME_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

export function browserHeaders(kind: RequestKind, method: 'GET' | 'POST'): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': CHROME_USER_AGENT,
    'Accept-Encoding': 'gzip, deflate, br',
    'Accept-Language': 'en-GB,en;q=0.9',
    Accept:
      kind === 'page'
        ? 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'
        : 'application/json, */*;q=0.8',
  }
  if (method === 'POST') headers['Content-Type'] = 'application/json'
  return headers
}

/** Errors in a result: statuses not expected by the plan, plus socket errors and timeouts. */
export function countErrors(
  plan: LoadPlan,
  statuses: Record<string, number>,
  socket: LoadResult['socketErrors'],
): number {
  const unexpected = Object.entries(statuses)
    .filter(([status]) => !plan.expectedStatuses.includes(Number(status)))
    .reduce((sum, [, count]) => sum + count, 0)
  return unexpected + socket.connect + socket.read + socket.write + socket.timeout
}
