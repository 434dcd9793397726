// Server action calls whose arguments come as plain text (React's encoding of JSON-like values, no
// FormData) are checked before Next decodes them. In that encoding a string starting with `$` is a
// reference to something else (a form part, a promise, a Map…), and Next's decoder fails with a 500
// on one that leads nowhere, before any action runs. React's own client escapes a literal `$` as
// `$$`, so a hand-made body with a bare `$` reference is refused with a 400 here instead.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AskNext } from './next-origin'
import { refuse } from './request-guard'
import { readBodyUpTo, TOO_LARGE } from './request-body'

/** Next's default limit for an action's body (serverActions.bodySizeLimit): 1 MB. */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024

/** A server action call whose arguments are encoded as text (no FormData, no files). */
export function isPlainTextActionCall(request: IncomingMessage): boolean {
  return (
    request.method === 'POST' &&
    request.headers['next-action'] !== undefined &&
    (request.headers['content-type'] ?? '').startsWith('text/plain')
  )
}

// What React's client writes for values JSON has no word for: an escaped `$`, undefined, dates,
// big integers and the special numbers. Every other `$` reference points at a part that a text
// body cannot carry.
const VALUE_REFERENCE = /^\$(\$.*|undefined|Infinity|-Infinity|NaN|-0|D.*|n-?\d+)$/s

/** Why these arguments cannot be decoded, or null when they can. */
export function actionArgumentsProblem(body: string): string | null {
  let args: unknown
  try {
    args = JSON.parse(body)
  } catch {
    return 'The action’s arguments are not valid JSON.'
  }
  if (!Array.isArray(args)) return 'The action’s arguments must be a JSON array.'
  return hasDanglingReference(args, 0) ? 'The action’s arguments refer to parts the request does not have.' : null
}

function hasDanglingReference(value: unknown, depth: number): boolean {
  if (depth > 64) return true // React's decoder recurses; nothing we send nests this deep
  if (typeof value === 'string') return value.startsWith('$') && !VALUE_REFERENCE.test(value)
  if (Array.isArray(value)) return value.some((item) => hasDanglingReference(item, depth + 1))
  if (value && typeof value === 'object')
    return Object.values(value).some((item) => hasDanglingReference(item, depth + 1))
  return false
}

// Describe one transfer, not the answer: the captured answer is sent whole, with its own length.
const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date'])

/** Reads and checks a text-encoded action call, then hands it to Next whole (see the top of this file). */
export async function serveCheckedActionCall(
  request: IncomingMessage,
  response: ServerResponse,
  askNext: AskNext,
): Promise<void> {
  const url = request.url ?? '/'
  const body = await readBodyUpTo(request, MAX_ACTION_BODY_BYTES)
  if (body === TOO_LARGE)
    return refuse(
      response,
      url,
      413,
      `An action’s arguments are at most ${MAX_ACTION_BODY_BYTES / 1024 / 1024} MB.`,
      true,
    )
  const problem = actionArgumentsProblem(body.toString('utf8'))
  if (problem) return refuse(response, url, 400, problem, true)
  // The body is passed whole now: its length is the payload's, however it arrived.
  const headers = { ...request.headers }
  delete headers['content-length']
  delete headers['transfer-encoding']
  const answer = await askNext({
    method: 'POST',
    url,
    headers,
    payload: body,
    remoteAddress: request.socket.remoteAddress ?? '127.0.0.1',
  })
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!HOP_BY_HOP.has(name)) response.setHeader(name, value)
  }
  response.setHeader('content-length', String(answer.body.length))
  response.statusCode = answer.status
  response.end(answer.body)
}
