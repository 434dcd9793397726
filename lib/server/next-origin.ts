// Next's request handler as the front cache's origin: the request is handed to Next in-process
// (light-my-request builds the request and response objects), and the whole answer comes back
// as bytes to store, compress and send.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { inject } from 'light-my-request'
import { collectCacheTags } from '@/lib/cache/cache-handler.js'
import type { CapturedResponse, Origin } from './front-cache'

type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>

export function nextOrigin(handle: NextHandler, remoteAddress: () => string = () => '127.0.0.1'): Origin {
  return async ({ url, headers }) => {
    const { result: answer, tags } = await collectCacheTags(() =>
      // Bound to this call's async context: light-my-request dispatches from a stream event,
      // which would lose the tag collector's context.
      inject(AsyncLocalStorage.bind((request: IncomingMessage, response: ServerResponse) => void handle(request, response)), { method: 'GET', url, headers, remoteAddress: remoteAddress() }),
    )
    const captured: CapturedResponse = { status: answer.statusCode, headers: {}, body: answer.rawPayload }
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) captured.headers[name] = Array.isArray(value) ? value.map(String) : String(value)
    }
    // The page's cache tags, for a CDN in front to purge by: Cloudflare reads Cache-Tag
    // (comma-separated), Fastly and others Surrogate-Key (space-separated).
    if (tags.length > 0 && isShared(captured.headers['cache-control'])) {
      captured.headers['cache-tag'] = tags.join(',')
      captured.headers['surrogate-key'] = tags.join(' ')
    }
    return captured
  }
}

function isShared(cacheControl: string | string[] | undefined): boolean {
  return /s-maxage|public/.test(String(cacheControl ?? '')) && !/private|no-store/.test(String(cacheControl ?? ''))
}
