// The autocannon fallback's own process (used when wrk is not installed): autocannon runs in
// Node, so in the bench's process it would compete with the embedded database the bench serves.
// Reads {plan, options} as JSON from argv[2], prints one JSON line with the raw counts.
import autocannon from 'autocannon'
import { readFileSync } from 'node:fs'
import { browserHeaders, type LoadOptions, type LoadPlan } from './load-plan'

const { plan, options } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { plan: LoadPlan; options: LoadOptions }
const total = plan.groups.reduce((sum, group) => sum + group.weight, 0)
const pick = <T>(values: T[]): T => values[Math.floor(Math.random() * values.length)]!
const statuses: Record<string, number> = {}
const cacheStates: Record<string, number> = {}
const accepted = { like: 0, comment: 0, click: 0 }
let sent = 0
let answered = 0

function pickGroup() {
  let r = Math.random() * total
  for (const group of plan.groups) if ((r -= group.weight) <= 0) return group
  return plan.groups[plan.groups.length - 1]!
}

const result = await autocannon({
  url: options.baseUrl,
  connections: options.connections,
  duration: options.seconds,
  timeout: options.timeoutSeconds,
  requests: [
    {
      setupRequest: (request) => {
        sent++
        const group = pickGroup()
        const headers: Record<string, string> = { ...browserHeaders(group.kind, group.method) }
        if (group.newAddressPerRequest)
          headers['X-Forwarded-For'] =
            `2001:db8:${(options.runId % 65536).toString(16)}:ac::${(sent >>> 16).toString(16)}:${(sent & 0xffff).toString(16)}`
        return {
          ...request,
          method: group.method,
          path: pick(group.paths),
          headers,
          body: group.bodies ? pick(group.bodies) : undefined,
        }
      },
      onResponse: (status, _body, _context, headers) => {
        answered++
        const state = headers?.['x-lookbook-cache']
        if (typeof state === 'string') cacheStates[state] = (cacheStates[state] ?? 0) + 1
        statuses[status] = (statuses[status] ?? 0) + 1
        if (status === 201) accepted.comment++
        else if (status === 302)
          accepted.click++ // see wrk-script.ts
        else if (status === 200 && String(headers?.['set-cookie'] ?? '').includes('lb_visitor=')) accepted.like++ // see wrk-script.ts
      },
    },
  ],
})

console.log(
  JSON.stringify({
    requests: result.requests.total,
    seconds: result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    statuses,
    cacheStates,
    accepted,
    unanswered: Math.max(0, sent - answered),
    socketErrors: {
      connect: Math.max(0, result.errors - result.timeouts),
      read: 0,
      write: 0,
      timeout: result.timeouts,
    },
  }),
)
