// Warm before serving, the render path too (decision 036). Filling the front cache from Next's
// disk cache renders nothing: a new worker has never loaded React's server renderer, the page
// modules or the metadata code, nor compiled them. The first page that turns stale under load
// (products every 10 s) then costs its worker 200–300 ms of module loading and compiling while
// a hundred connections wait (issue #23's restart bench: p99 300–350 ms in the first 2 s, 40 ms
// after). So each kind of hot page is rendered once before the worker listens, in draft mode:
// Next renders it afresh and neither reads nor writes its cache, and the answer is dropped.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { AskNext } from './next-origin'
import type { WarmRequest } from './front-cache'

/** At most this many renders: one per kind of page and kind of answer (HTML, RSC payload). */
const MAX_RENDERS = 12

/** A page's address (not a built file, stored media, an API or the icon). */
const isPagePath = (url: string) => !/^\/(_next|media|api|share|go)(\/|\?|$)|^\/icon\.svg/.test(url)

/**
 * One request per kind: the first path segment and the depth (`/products` and `/products/x`
 * render different pages), and which router headers it carries (HTML, a payload, a prefetch).
 */
export function rendersToWarm(hot: WarmRequest[], limit = MAX_RENDERS): WarmRequest[] {
  const kinds = new Map<string, WarmRequest>()
  for (const request of hot) {
    const pathname = request.url.split('?')[0]!
    if (!isPagePath(pathname)) continue
    const segments = pathname.split('/').filter(Boolean)
    const kind = `${segments[0] ?? ''}/${segments.length}/${Object.keys(request.headers).sort().join(',')}`
    if (!kinds.has(kind)) kinds.set(kind, request)
  }
  return [...kinds.values()].slice(0, limit)
}

/** The build's draft-mode cookie value; undefined when the build has none to read. */
async function draftModeId(distDir: string): Promise<string | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(distDir, 'prerender-manifest.json'), 'utf8')) as {
      preview?: { previewModeId?: unknown }
    }
    const id = manifest.preview?.previewModeId
    return typeof id === 'string' && /^[0-9a-f]+$/.test(id) ? id : undefined
  } catch {
    return undefined
  }
}

/**
 * Renders each kind of hot page once, one at a time, until done or `withinMs`; how many rendered.
 * The readiness check first: a load balancer or orchestrator asks it the moment the port opens,
 * and its first answer loads its route's modules and reads the migrations (about 100 ms).
 */
export async function warmRenders(
  ask: AskNext,
  distDir: string,
  hot: WarmRequest[],
  withinMs: number,
): Promise<number> {
  const deadline = performance.now() + withinMs
  await ask({ method: 'GET', url: '/api/ready', headers: {}, remoteAddress: '127.0.0.1' }).catch(() => undefined)
  const id = await draftModeId(distDir)
  if (!id) return 0
  let rendered = 0
  for (const request of rendersToWarm(hot)) {
    if (performance.now() >= deadline) break
    const answer = await ask({
      method: 'GET',
      url: request.url,
      headers: { ...request.headers, cookie: `__prerender_bypass=${id}` },
      remoteAddress: '127.0.0.1',
    }).catch(() => undefined) // a page that fails here fails for its visitor too, and is logged then
    if (answer?.status === 200) rendered += 1
  }
  return rendered
}
