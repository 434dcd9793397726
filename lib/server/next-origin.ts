// Next's request handler as the front cache's origin: the request is handed to Next in-process
// (light-my-request builds the request and response objects), and the whole answer comes back
// as bytes to store, compress and send.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { inject } from 'light-my-request'
import type { CapturedResponse, Origin } from './front-cache'

type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>

export function nextOrigin(handle: NextHandler, remoteAddress: () => string = () => '127.0.0.1'): Origin {
  return async ({ url, headers }) => {
    const answer = await inject((request, response) => void handle(request, response), {
      method: 'GET',
      url,
      headers,
      remoteAddress: remoteAddress(),
    })
    const captured: CapturedResponse = { status: answer.statusCode, headers: {}, body: answer.rawPayload }
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) captured.headers[name] = Array.isArray(value) ? value.map(String) : String(value)
    }
    return captured
  }
}
