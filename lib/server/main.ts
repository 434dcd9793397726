// npm start — the production server: `npm start`, `npm run demo`, the Procfile and the browser
// tests all run this entry, so the tests prove what production runs. Next's request handler sits
// behind an in-process front response cache (./front-cache.ts), in WEB_CONCURRENCY worker
// processes. On Vercel this entry is not used: Vercel's CDN plays the front cache's part.
// See docs/decisions/010-front-response-cache.md and 011-worker-processes.md.
import cluster from 'node:cluster'
import { readFileSync } from 'node:fs'
import { register } from 'node:module'
import os from 'node:os'
import { settings, SettingsError, type Settings } from '@/lib/env'
import { runPrimary } from './cluster-primary'

const ROOT = process.cwd()

function settingsOrExit(): Settings {
  try {
    return settings()
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

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

/** One worker per core, as many as fit at about 256 MB each (a worker settles near 150–250 MB). */
export function defaultConcurrency(cores = os.availableParallelism(), memory = memoryLimitBytes()): number {
  return Math.max(1, Math.min(cores, Math.floor(memory / (256 * 1024 * 1024)), 8))
}

const config = settingsOrExit()
const workers = config.WEB_CONCURRENCY ?? defaultConcurrency()
const where = `http://${config.HOST ?? 'localhost'}:${config.PORT}`

if (workers > 1 && cluster.isPrimary) {
  console.log(`Lookbook serving on ${where}: ${workers} worker processes, front cache ${config.FRONT_CACHE_MB} MB each.`)
  runPrimary(workers)
} else {
  // Before the worker's modules load: the data modules it uses carry `server-only`.
  register('./server-only-hook.js', import.meta.url)
  const { startWorker } = await import('./worker')
  const worker = await startWorker(config, ROOT).catch((error: Error) => {
    console.error(`Lookbook could not start: ${error.message}`)
    process.exit(1)
  })
  if (cluster.isPrimary) console.log(`Lookbook serving on ${where}: one process, front cache ${config.FRONT_CACHE_MB} MB.`)
  const stop = () => {
    // Finish the requests under way, then leave (Heroku sends SIGKILL 30 s after SIGTERM).
    setTimeout(() => process.exit(0), 25_000).unref()
    worker.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}
