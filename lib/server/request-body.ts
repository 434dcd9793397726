// Reading a request's body on the production server's own paths (live routes, checked action
// calls), with a limit. A body found too large is discarded as it keeps coming rather than left
// unread: the client then reads our 413 instead of a stalled upload or a connection reset, and
// the connection serves its next request.
import type { IncomingMessage } from 'node:http'

export const TOO_LARGE = Symbol('too large')

/** The whole body, or TOO_LARGE as soon as it is known to pass `maxBytes` (declared or sent). */
export function readBodyUpTo(request: IncomingMessage, maxBytes: number): Promise<Buffer | typeof TOO_LARGE> {
  const declared = Number(request.headers['content-length'] ?? 0)
  if (declared > maxBytes) {
    discardRest(request)
    return Promise.resolve(TOO_LARGE)
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBytes) return void chunks.push(chunk)
      request.off('data', onData).off('end', onEnd)
      discardRest(request)
      resolve(TOO_LARGE)
    }
    const onEnd = () => resolve(Buffer.concat(chunks))
    request.on('data', onData).once('end', onEnd).once('error', reject)
  })
}

/** How long a client may go on sending a refused body before its connection is cut. */
const DISCARD_FOR_MS = 10_000

function discardRest(request: IncomingMessage): void {
  request.resume()
  const cut = setTimeout(() => request.socket.destroy(), DISCARD_FOR_MS).unref()
  request.once('end', () => clearTimeout(cut)).once('close', () => clearTimeout(cut))
}
