// npm run cache:warm -- [base-url] [--concurrency 4]
// Requests every page of the sitemap once, so that the first visitors after a deploy (a Facebook post
// going out, say) find rendered pages instead of each waiting for a render. The base URL defaults to
// SITE_URL; the sitemap's addresses are asked of the base URL given, so one instance can be warmed
// directly. Exits 1 when any page did not answer 200.
import { parseArgs } from 'node:util'
import { settings } from '@/lib/env'
import { fetchFailureReason } from '@/lib/network-errors'
import { runCli, UsageError } from './run'

const USAGE = `npm run cache:warm -- [base-url] [--concurrency N]

Requests every page listed in <base-url>/sitemap.xml once (N at a time, 4 unless said, at most 32),
as a browser would (compressed), and says which did not answer 200. base-url defaults to SITE_URL.
Each page is rendered once into the shared page cache; each worker process keeps its own memory
copy of what it served.`

const PAGE_TIMEOUT_MS = 30_000

type Outcome = { path: string; status: number | string; ms: number }

function readArguments(): { base: URL; concurrency: number } | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    })
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`)
  }
  if (parsed.values.help) return 'help'
  if (parsed.positionals.length > 1) throw new UsageError(`one base URL at most\n\n${USAGE}`)
  const given = parsed.positionals[0] ?? settings().SITE_URL
  let base: URL
  try {
    base = new URL(given)
  } catch {
    throw new UsageError(`"${given}" is not a URL: give one such as https://lookbook.example.com`)
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new UsageError(`"${given}" is not an http(s) URL`)
  const concurrency = Number(parsed.values.concurrency ?? 4)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new UsageError('--concurrency is a whole number from 1 to 32')
  return { base, concurrency }
}

/** The sitemap's pages, as paths with their query: asked of the base URL whatever host it names. */
async function sitemapPaths(base: URL): Promise<string[]> {
  const address = new URL('/sitemap.xml', base)
  let answer: Response
  try {
    answer = await fetch(address, { signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) })
  } catch (error) {
    throw new UsageError(`cannot reach ${address.href}: ${(error as Error).cause ?? (error as Error).message}`)
  }
  if (answer.status !== 200) throw new UsageError(`${address.href} answered ${answer.status}, not a sitemap`)
  const locations = [...(await answer.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) =>
    loc!.replaceAll('&amp;', '&').trim(),
  )
  const paths = locations.map((loc) => {
    const url = new URL(loc)
    return url.pathname + url.search
  })
  return [...new Set(paths)]
}

async function warm(base: URL, path: string): Promise<Outcome> {
  const started = performance.now()
  try {
    const answer = await fetch(new URL(path, base), {
      headers: { Accept: 'text/html', 'Accept-Encoding': 'gzip, br', 'User-Agent': 'Lookbook cache:warm' },
      redirect: 'manual',
      signal: AbortSignal.timeout(PAGE_TIMEOUT_MS),
    })
    await answer.arrayBuffer() // the whole page: its render is done only when it is all sent
    return { path, status: answer.status, ms: performance.now() - started }
  } catch (error) {
    const reason = fetchFailureReason(error, PAGE_TIMEOUT_MS)
    return { path, status: reason, ms: performance.now() - started }
  }
}

/** A bar redrawn in place on a terminal; elsewhere (a log) a line at every tenth. */
function progress(total: number): (done: number, failed: number) => void {
  let lastTenth = -1
  return (done, failed) => {
    const failedNote = failed ? `, ${failed} failed` : ''
    if (process.stdout.isTTY) {
      const width = 30
      const filled = Math.round((done / total) * width)
      process.stdout.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${failedNote}`)
      if (done === total) process.stdout.write('\n')
      return
    }
    const tenth = Math.floor((done / total) * 10)
    if (tenth !== lastTenth) {
      lastTenth = tenth
      console.log(`${done}/${total} pages${failedNote}`)
    }
  }
}

void runCli('cache:warm', async () => {
  const args = readArguments()
  if (args === 'help') return void console.log(USAGE)
  const { base, concurrency } = args
  const paths = await sitemapPaths(base)
  if (paths.length === 0) throw new UsageError(`${new URL('/sitemap.xml', base).href} lists no pages`)
  console.log(`Warming ${paths.length} pages of ${base.origin}, ${concurrency} at a time.`)
  const started = performance.now()
  const outcomes: Outcome[] = []
  const show = progress(paths.length)
  let next = 0
  const failed = () => outcomes.filter((outcome) => outcome.status !== 200).length
  await Promise.all(
    Array.from({ length: Math.min(concurrency, paths.length) }, async () => {
      while (next < paths.length) {
        outcomes.push(await warm(base, paths[next++]!))
        show(outcomes.length, failed())
      }
    }),
  )
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  const times = outcomes.map((outcome) => outcome.ms).sort((a, b) => a - b)
  const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a))
  console.log(
    `Warmed ${outcomes.length} pages in ${seconds} s: p50 ${Math.round(times[Math.floor(times.length / 2)]!)} ms, slowest ${Math.round(slowest.ms)} ms (${slowest.path}).`,
  )
  const failures = outcomes.filter((outcome) => outcome.status !== 200)
  if (failures.length > 0) {
    for (const failure of failures) console.error(`  ${failure.path}: ${failure.status}`)
    throw new UsageError(`${failures.length} of ${outcomes.length} pages did not answer 200`)
  }
})
