// Next's request handler as the front cache's origin: the request is handed to Next in-process
// (light-my-request builds the request and response objects), and the whole answer comes back
// as bytes to store, compress and send.
import { withTimeout } from '@/lib/timeout'
import { AsyncLocalStorage } from 'node:async_hooks'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { inject } from 'light-my-request'
import { runAsRender } from '@/lib/cache/cache-handler.js'
import type { CapturedResponse, Origin } from './front-cache'
import { restrictScripts } from './script-hashes'
import { pathOf } from './request-log'
import { checkDatabase } from '@/lib/data/health'
import { DATABASE_RETRY_AFTER_SECONDS } from '@/lib/data/unavailable'

type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>

/** Longer than any render should take; past it the waiting visitors get an error, not a hang. */
const ORIGIN_TIMEOUT_MS = 30_000

export function nextOrigin(handle: NextHandler, remoteAddress: () => string = () => '127.0.0.1'): Origin {
  const ask = askNext(handle)
  return async ({ url, headers }) => {
    const { result: captured, tags } = await runAsRender(() =>
      ask({ method: 'GET', url, headers, remoteAddress: remoteAddress() }),
    )
    // Pages run only the scripts they were rendered with (./script-hashes.ts).
    restrictScripts(captured.headers, captured.body)
    await sayWhenTheDatabaseIsDown(captured)
    // The page's cache tags, for a CDN in front to purge by: Cloudflare reads Cache-Tag
    // (comma-separated), Fastly and others Surrogate-Key (space-separated). Next's implicit tags
    // (`_N_T_/path`) name URLs, which a CDN purges by anyway; the front cache needs them all.
    // A route handler that reads no cached data names its tags itself, in Cache-Tag
    // (app/api/reactions): they count as the tags of what it shows, for the front cache too.
    const given = String(captured.headers['cache-tag'] ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean)
    const named = [...new Set([...tags.filter((tag) => !tag.startsWith('_N_T_')), ...given])]
    if (named.length > 0 && isShared(captured.headers['cache-control'])) {
      captured.headers['cache-tag'] = named.join(',')
      captured.headers['surrogate-key'] = named.join(' ')
    }
    return { ...captured, tags: [...new Set([...tags, ...given])] }
  }
}

type AskedOfNext = {
  method: 'GET' | 'POST'
  url: string
  headers: IncomingHttpHeaders
  payload?: Buffer
  remoteAddress: string
}

/** Hands a request to Next in-process and gives back its whole answer. */
export type AskNext = (asked: AskedOfNext) => Promise<CapturedResponse>

/** A request handed to Next in-process, its whole answer captured (see nextOrigin). */
export function askNext(handle: NextHandler): AskNext {
  // Bound to the caller's async context: light-my-request dispatches from a stream event, which
  // would lose the render's context (its start and its tags). A handler that throws answers 500
  // instead of leaving the injected response open forever (and the rejection unhandled).
  const dispatch = (request: IncomingMessage, response: ServerResponse) =>
    void handle(request, response).catch((error: Error) => {
      console.error(`Rendering ${pathOf(request.url)} failed: ${error.stack ?? error.message}`)
      if (!response.headersSent) response.statusCode = 500
      response.end()
    })
  return async (asked) => {
    const answer = await withTimeout(
      inject(AsyncLocalStorage.bind(dispatch), asked),
      ORIGIN_TIMEOUT_MS,
      `Next did not answer ${asked.url} within ${ORIGIN_TIMEOUT_MS / 1000} s`,
    )
    const captured: CapturedResponse = { status: answer.statusCode, headers: {}, body: answer.rawPayload }
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) captured.headers[name] = Array.isArray(value) ? value.map(String) : String(value)
    }
    return captured
  }
}

/**
 * A page that failed to render while the database is away is not a bug in the page: it is answered
 * 503 with Retry-After (Next's error page still shows), so browsers, crawlers and Facebook's link
 * preview try again later instead of keeping an error. Asked only after a 500, which is rare.
 */
async function sayWhenTheDatabaseIsDown(captured: CapturedResponse): Promise<void> {
  if (captured.status !== 500 || (await checkDatabase()).ok) return
  captured.status = 503
  captured.headers['retry-after'] = String(DATABASE_RETRY_AFTER_SECONDS)
  captured.headers['cache-control'] = 'no-store'
}

function isShared(cacheControl: string | string[] | undefined): boolean {
  return /s-maxage|public/.test(String(cacheControl ?? '')) && !/private|no-store/.test(String(cacheControl ?? ''))
}
