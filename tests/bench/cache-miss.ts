// The first request of a page nobody asked for yet: rendered from the database, not served from a
// cache. Pages are requested one after the other (a load run would mostly measure queueing) and
// each is timed to its last byte.
import { capturePage } from './references'

export type CacheMissResult = { pages: number; p50Ms: number; p99Ms: number; maxMs: number; errors: number }

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export async function measureCacheMisses(baseUrl: string, paths: string[]): Promise<CacheMissResult> {
  const times: number[] = []
  let errors = 0
  for (const path of paths) {
    const started = performance.now()
    const page = await capturePage(baseUrl, path).catch(() => null)
    times.push(performance.now() - started)
    if (page?.status !== 200) errors++
  }
  times.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 10) / 10
  return {
    pages: paths.length,
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
    maxMs: round(times.at(-1) ?? 0),
    errors,
  }
}
