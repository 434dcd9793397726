// Enough of Upstash's REST protocol for @upstash/redis, in front of a real Redis: the tests run the
// Upstash driver through it, so the Upstash path is tested without an Upstash account.
//   POST /             body ["SET","k","v","EX",10]       → {"result": ...} (400 {"error"} on failure)
//   POST /pipeline     body [["GET","a"],["INCR","b"]]    → [{"result"} | {"error"}, ...]
//   POST /multi-exec   same, run as one MULTI/EXEC transaction
// Requests must carry "Authorization: Bearer <token>". With "Upstash-Encoding: base64" every string
// in a result is base64 encoded, as Upstash does (and as the client expects by default).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient, MultiErrorReply } from 'redis'

type Reply = { result: unknown } | { error: string }

export async function startUpstashShim(
  redisUrl: string,
  token: string,
): Promise<{ url: string; close(): Promise<void> }> {
  // RESP2, because Upstash answers in its shapes (floats as strings, hashes as flat arrays).
  const redis = createClient({ url: redisUrl, RESP: 2, socket: { connectTimeout: 1_000, reconnectStrategy: false } })
  // Failures reach the client as {"error"} answers; an unheard 'error' event would crash the run.
  redis.on('error', () => {})
  await redis.connect()

  async function one(args: string[]): Promise<Reply> {
    try {
      return { result: await redis.sendCommand(args) }
    } catch (error) {
      return { error: message(error) }
    }
  }

  async function transaction(commands: string[][]): Promise<Reply[]> {
    const multi = redis.multi()
    for (const args of commands) multi.addCommand(args)
    try {
      return (await multi.exec()).map((result) => ({ result }))
    } catch (error) {
      // A command that fails inside EXEC doesn't undo the others; report each one, as Upstash does.
      if (!(error instanceof MultiErrorReply)) throw error
      return error.replies.map((reply, i) =>
        error.errorIndexes.includes(i) ? { error: message(reply) } : { result: reply },
      )
    }
  }

  async function handle(request: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
    if (request.method !== 'POST') return { status: 405, body: { error: 'only POST is supported' } }
    if (request.headers.authorization !== `Bearer ${token}`) return { status: 401, body: { error: 'Unauthorized' } }
    let body: unknown
    try {
      body = JSON.parse(await readBody(request))
    } catch {
      return { status: 400, body: { error: 'the body must be JSON' } }
    }
    const base64 = request.headers['upstash-encoding'] === 'base64'
    const path = new URL(request.url ?? '/', 'http://shim').pathname
    if (path === '/') {
      if (!isCommand(body)) return { status: 400, body: { error: 'the body must be a command array' } }
      const reply = await one(body.map(String))
      return 'error' in reply
        ? { status: 400, body: reply }
        : { status: 200, body: { result: encode(reply.result, base64) } }
    }
    if (path === '/pipeline' || path === '/multi-exec') {
      if (!Array.isArray(body) || !body.every(isCommand))
        return { status: 400, body: { error: 'the body must be an array of commands' } }
      const commands = body.map((args) => args.map(String))
      // node-redis sends concurrent commands down one connection in order: a pipeline.
      const replies = path === '/pipeline' ? await Promise.all(commands.map(one)) : await transaction(commands)
      return {
        status: 200,
        body: replies.map((reply) => ('error' in reply ? reply : { result: encode(reply.result, base64) })),
      }
    }
    return { status: 404, body: { error: `unknown path ${path}` } }
  }

  const server = http.createServer((request, response) => {
    void handle(request)
      .catch((error: unknown) => ({ status: 500, body: { error: message(error) } }))
      .then(({ status, body }) => {
        response.writeHead(status, { 'Content-Type': 'application/json' })
        response.end(JSON.stringify(body))
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      // fetch keeps connections alive; without this, close() waits for them to time out.
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await redis.close()
    },
  }
}

function isCommand(value: unknown): value is (string | number | boolean)[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((arg) => ['string', 'number', 'boolean'].includes(typeof arg))
  )
}

function encode(result: unknown, base64: boolean): unknown {
  if (!base64) return result
  if (typeof result === 'string') return Buffer.from(result).toString('base64')
  if (Array.isArray(result)) return result.map((item) => encode(item, base64))
  return result
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}
