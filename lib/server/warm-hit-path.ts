// Warm before serving, the serving code too (decision 036). A worker that filled its front cache
// has never served a request over a socket: Node's HTTP parser callbacks, the front cache's hit
// path and the socket writes all start in V8's interpreter, and its heap starts small. Under a
// hundred connections the first seconds then run slower while V8 compiles and the heap grows
// (issue #23's restart bench). So the worker first answers its own hot list over loopback, on a
// port of its own (not the shared one: no visitor can reach it), for a moment.
import http, { type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WarmRequest } from './front-cache'

export type HitPathWarmUp = { requests: number; ms: number }

export async function warmHitPath(
  handler: RequestListener,
  hot: WarmRequest[],
  { withinMs = 600, connections = 4 }: { withinMs?: number; connections?: number } = {},
): Promise<HitPathWarmUp> {
  const started = performance.now()
  if (hot.length === 0) return { requests: 0, ms: 0 }
  // `exclusive`: bound by this process itself, not shared through the cluster's primary.
  const server = http.createServer(handler)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, resolve)
  })
  const { port } = server.address() as AddressInfo
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  let requests = 0
  const deadline = started + withinMs
  const lane = async (offset: number) => {
    for (let i = offset; performance.now() < deadline; i += connections) {
      const { url, headers } = hot[i % hot.length]!
      await ask(agent, port, url, { ...headers, 'accept-encoding': 'gzip, br' }).catch(() => undefined)
      requests += 1
    }
  }
  try {
    await Promise.all(Array.from({ length: connections }, (_, i) => lane(i)))
  } finally {
    agent.destroy()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return { requests, ms: Math.round(performance.now() - started) }
}

function ask(agent: http.Agent, port: number, path: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, headers, agent, timeout: 5_000 }, (response) => {
      response.resume()
      response.once('end', resolve)
      response.once('error', reject)
    })
    request.once('timeout', () => request.destroy(new Error('no answer')))
    request.once('error', reject)
  })
}
