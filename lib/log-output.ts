// Where the log's lines go: standard output, in batches. Every worker process of a server writes
// to the one pipe they share (Heroku's log router, journald), and a write to a pipe is whole only
// up to PIPE_BUF (4 KB on Linux): a larger one can be interleaved with another process's, cutting
// lines in two. So a batch is whole lines only, 4 KB at most, one write(2) each. Writes are
// synchronous (one per batch, not per line: cheap), so nothing is in flight when the process exits.
import { writeSync } from 'node:fs'

const PIPE_BUF = 4096
/** How long a write waits for a full pipe (the reader stalled) before its lines are dropped. */
const GIVE_UP_AFTER_MS = 1_000
const pause = new Int32Array(new SharedArrayBuffer(4))

export type LineOutput = {
  write(line: string): void
  /** Writes everything waiting now. */
  flush(): void
}

/** Writes all of `bytes`, waiting for a full pipe to drain; false when it did not within the limit. */
function writeAll(fd: number, bytes: Buffer, giveUpAfterMs: number): boolean {
  const deadline = Date.now() + giveUpAfterMs
  for (let offset = 0; offset < bytes.length;) {
    try {
      offset += writeSync(fd, bytes, offset)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > deadline) return false
      Atomics.wait(pause, 0, 0, 1) // a millisecond for the reader
    }
  }
  return true
}

export function batchedLineOutput(fd = 1, options: { flushEveryMs?: number; giveUpAfterMs?: number } = {}): LineOutput {
  const giveUpAfterMs = options.giveUpAfterMs ?? GIVE_UP_AFTER_MS
  // Lines as strings with their sizes in bytes: one Buffer per batch, not one per line.
  let waiting: string[] = []
  let sizes: number[] = []
  let waitingBytes = 0
  let dropped = 0

  /** Whole lines from the front of the queue, together no more than PIPE_BUF (or one longer line). */
  const takeBatch = (): { batch: Buffer; lines: number } => {
    let bytes = 0
    let lines = 0
    while (lines < waiting.length && (lines === 0 || bytes + sizes[lines]! <= PIPE_BUF)) bytes += sizes[lines++]!
    const batch = Buffer.from(waiting.slice(0, lines).join(''))
    waiting = waiting.slice(lines)
    sizes = sizes.slice(lines)
    waitingBytes -= bytes
    return { batch, lines }
  }

  const flush = () => {
    if (dropped > 0) {
      const note = {
        level: 'warn',
        time: new Date().toISOString(),
        msg: `log: ${dropped} lines dropped, the output was not being read`,
      }
      dropped = 0
      writeAll(fd, Buffer.from(`${JSON.stringify(note)}\n`), giveUpAfterMs)
    }
    while (waiting.length > 0) {
      const { batch, lines } = takeBatch()
      if (!writeAll(fd, batch, giveUpAfterMs)) dropped += lines
    }
  }

  setInterval(flush, options.flushEveryMs ?? 200).unref()
  process.once('exit', flush)

  return {
    write(line) {
      const size = Buffer.byteLength(line)
      waiting.push(line)
      sizes.push(size)
      waitingBytes += size
      if (waitingBytes >= PIPE_BUF) flush()
    },
    flush,
  }
}
