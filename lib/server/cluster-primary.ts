// The primary of several worker processes on one instance, as gunicorn's arbiter was: it forks
// WEB_CONCURRENCY workers that share the port, replaces one that dies, relays invalidations
// between them (./invalidation-relay.ts), and on SIGTERM (Heroku's restart) lets them finish.
import cluster, { type Worker } from 'node:cluster'
import {
  ANSWER_TO,
  RELAY_TIMEOUT_MS,
  type HotPagesMessage,
  type RelayMessage,
  type RelayRequest,
  type StartMessage,
  type TagEntries,
} from './relay-messages'

/** Workers that exit before they ever listened: a wrong setting or a missing build, not bad luck. */
const MAX_FAILED_STARTS = 3

export function runPrimary(workers: number, settings: { execArgv: string[]; env: Record<string, string> }): void {
  cluster.setupPrimary({ execArgv: settings.execArgv })
  let stopping = false
  let failedStarts = 0
  let crashes = 0
  let lastCrash = 0
  const startedAt = new Map<Worker, number>()

  const fork = () => {
    const worker = cluster.fork(settings.env)
    startedAt.set(worker, Date.now())
    // Next keeps invalidations in each process's memory: a replacement worker learns the earlier
    // ones before its first request, or it would serve pages its predecessor knew to be old.
    // So does it learn its siblings' most visited pages, to warm before it takes connections.
    worker.once('online', () => {
      if (Object.keys(remembered).length > 0)
        worker.send({ type: 'lookbook:invalidate', id: ++relayed, entries: remembered } satisfies RelayMessage)
      if (hotPages) worker.send(hotPages)
    })
    worker.on('message', (message: RelayMessage | HotPagesMessage | StartMessage) => {
      if (message?.type === 'lookbook:invalidate' || message?.type === 'lookbook:replace') void relay(worker, message)
      else if (message?.type === 'lookbook:hot-pages') hotPages = message
      else if (message?.type === 'lookbook:warmed') startTogether(worker)
    })
  }

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0)
    startedAt.delete(worker)
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    // The same cause would make every replacement exit too: stop rather than loop.
    if (!listening.has(worker.id) && ++failedStarts >= MAX_FAILED_STARTS) {
      console.error(`Worker processes keep exiting before they serve (last: ${signal ?? `code ${code}`}): stopping.`)
      process.exit(1)
    }
    // A worker that keeps crashing under load is replaced ever more slowly (each start costs a
    // core for seconds), back to at once after a quiet minute.
    crashes = Date.now() - lastCrash > 60_000 ? 1 : crashes + 1
    lastCrash = Date.now()
    const delay = Math.min(30_000, 500 * 2 ** (crashes - 1))
    console.warn(
      `Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}) after ${Math.round(lived / 1000)} s: starting another in ${delay / 1000} s.`,
    )
    setTimeout(() => {
      if (!stopping) fork()
    }, delay)
  })

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
    // Heroku sends SIGKILL 30 s after SIGTERM; leave before that with what has finished.
    setTimeout(() => process.exit(0), 25_000).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  const listening = new Set<number>()
  cluster.on('listening', (worker) => listening.add(worker.id))

  // The first workers listen once all of them have warmed: at the latest 30 s after the start
  // (Heroku allows 60 s to bind the port), at once when one of them exits before it listens (its
  // replacement is not waited for). A worker started later listens as soon as it has warmed.
  const waitingToListen: Worker[] = []
  let startedTogether = false
  const letListen = (worker: Worker) => {
    if (worker.isConnected()) worker.send({ type: 'lookbook:listen' } satisfies StartMessage)
  }
  const listenAll = () => {
    startedTogether = true
    for (const worker of waitingToListen.splice(0)) letListen(worker)
  }
  setTimeout(listenAll, 30_000).unref()
  cluster.on('exit', (worker) => {
    if (!startedTogether && !listening.has(worker.id)) listenAll()
  })
  const startTogether = (worker: Worker) => {
    if (startedTogether) return letListen(worker)
    waitingToListen.push(worker)
    if (waitingToListen.length >= workers) listenAll()
  }

  for (let i = 0; i < workers; i++) fork()
}

let relayed = 0
/** The latest list of most visited pages a worker sent. */
let hotPages: HotPagesMessage | undefined
/** Every invalidation relayed so far, latest timestamps per tag (tags are few: one per record). */
const remembered: TagEntries = {}

function remember(entries: TagEntries): void {
  for (const [tag, entry] of Object.entries(entries)) {
    const known = remembered[tag] ?? {}
    remembered[tag] = {
      stale: Math.max(known.stale ?? 0, entry.stale ?? 0) || undefined,
      expired: Math.max(known.expired ?? 0, entry.expired ?? 0) || undefined,
    }
  }
}

/** Passes one worker's request to all the others; answers it once they all have. */
async function relay(from: Worker, message: RelayRequest): Promise<void> {
  const others = Object.values(cluster.workers ?? {}).filter(
    (worker): worker is Worker => Boolean(worker) && worker !== from && worker!.isConnected(),
  )
  // Workers number their own messages; the primary numbers what it forwards, so answers to two
  // workers' invalidations cannot be mistaken for each other.
  if (message.type === 'lookbook:invalidate') remember(message.entries)
  const forwarded = { ...message, id: ++relayed }
  await Promise.all(others.map((worker) => sendAndWait(worker, forwarded)))
  if (from.isConnected()) from.send({ type: ANSWER_TO[message.type], id: message.id } satisfies RelayMessage)
}

function sendAndWait(worker: Worker, message: RelayRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      worker.off('message', onMessage)
      resolve()
    }
    const onMessage = (answer: RelayMessage) => {
      if (answer?.type === ANSWER_TO[message.type] && answer.id === message.id) done()
    }
    const timer = setTimeout(done, RELAY_TIMEOUT_MS)
    worker.on('message', onMessage)
    worker.send(message)
  })
}
