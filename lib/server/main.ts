// npm start — the production server: `npm start`, `npm run demo`, the Procfile and the browser
// tests all run this entry, so the tests prove what production runs. `npm run build` compiles it
// into the build folder (./bundle.mjs) and ./start.mjs runs it there. Next's request handler sits
// behind an in-process front response cache (./front-cache.ts), in WEB_CONCURRENCY worker
// processes. On Vercel this entry is not used: Vercel's CDN plays the front cache's part.
// See docs/decisions/010-front-response-cache.md and 011-worker-processes.md.
import cluster from 'node:cluster'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { settingsOrExit } from '@/lib/env'
import { routeConsoleToLog } from '@/lib/log'
import { runPrimary } from './cluster-primary'

const ROOT = process.cwd()

/** The memory this instance may use: the container's limit where there is one, else the machine's. */
function memoryLimitBytes(): number {
  try {
    const limit = readFileSync('/sys/fs/cgroup/memory.max', 'utf8').trim()
    if (/^\d+$/.test(limit)) return Math.min(Number(limit), os.totalmem())
  } catch {
    // not a cgroup v2 container
  }
  return os.totalmem()
}

/** One worker per core, as many as fit at about 256 MB each (a worker idles near 200 MB, ~330 MB under load). */
export function defaultConcurrency(cores = os.availableParallelism(), memory = memoryLimitBytes()): number {
  return Math.max(1, Math.min(cores, Math.floor(memory / (256 * 1024 * 1024)), 8))
}

/**
 * Measured under load (docs/decisions/011-worker-processes.md, 012): V8 lets a worker's heap grow
 * to ~200 MB of garbage when its limit is the default (a quarter of the machine), while the live
 * heap is ~70 MB; its young generation takes 2 × 16 MB semi-spaces, where 2 × 8 MB served the
 * campaign mix as fast (9,000 req/s on one worker either way, RSS 302 -> 259 MB); and glibc gives
 * each of a worker's threads a malloc arena it never hands back. Flags or MALLOC_ARENA_MAX set by
 * the operator (NODE_OPTIONS or the command line) win.
 */
// The heap limit was 256 MB until issue #23's 5-minute page-view soak: 279 and 303 MB of RSS per
// worker at the end; with 192 MB, 277 and 287 MB, and as many views a second (live heap ~70 MB).
const WORKER_V8_FLAGS = [
  ['--max-old-space-size', '192'],
  ['--max-semi-space-size', '8'],
] as const

function workerMemorySettings(): { execArgv: string[]; env: Record<string, string> } {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ')
  const defaults = WORKER_V8_FLAGS.filter(([flag]) => !given.includes(flag)).map(([flag, value]) => `${flag}=${value}`)
  return {
    execArgv: [...process.execArgv, ...defaults],
    env: { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' },
  }
}

async function ownEmbeddedDatabase(dataDir: string): Promise<void> {
  const { ensureEmbeddedDatabase } = await import('@/lib/db/embedded/owner')
  await ensureEmbeddedDatabase(path.resolve(dataDir)).catch((error: Error) => {
    console.error(`Lookbook could not open the embedded database in ${dataDir}: ${error.message}`)
    process.exit(1)
  })
}

const config = settingsOrExit()
// From here on every line this process prints is a structured log entry (lib/log.ts).
routeConsoleToLog()

if (cluster.isPrimary) {
  // Even one worker runs under the primary: it replaces the worker if it dies, and starts it with
  // the memory settings below, which a process cannot give itself once running.
  const workers = config.WEB_CONCURRENCY ?? defaultConcurrency()
  // The embedded database (no DATABASE_URL) is owned by the primary, the one process that lives as
  // long as the server: every worker is the same size, and a crashing worker moves nothing.
  if (!config.DATABASE_URL) await ownEmbeddedDatabase(config.DATA_DIR)
  console.log(
    `Lookbook serving on http://${config.HOST ?? 'localhost'}:${config.PORT}: ${workers} worker process${workers > 1 ? 'es' : ''}, front cache ${config.FRONT_CACHE_MB} MB each.`,
  )
  runPrimary(workers, workerMemorySettings())
} else {
  // Source maps (NODE_OPTIONS=--enable-source-maps, say) keep the parsed map and source text of
  // every module loaded after them in memory: tens of MB per worker, for nicer stack traces only.
  process.setSourceMapsEnabled(false)
  const { startWorker } = await import('./worker')
  const worker = await startWorker(config, ROOT).catch((error: Error) => {
    console.error(`Lookbook could not start: ${error.message}`)
    process.exit(1)
  })
  let stopping = false
  const stop = () => {
    // Heroku signals every process of the dyno and the primary passes it on too (Ctrl-C likewise):
    // the second signal must not cut short the requests the first one lets finish.
    if (stopping) return
    stopping = true
    // Finish the requests under way, then leave (Heroku sends SIGKILL 30 s after SIGTERM).
    setTimeout(() => process.exit(0), 25_000).unref()
    worker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}
