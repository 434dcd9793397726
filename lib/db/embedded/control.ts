// A second socket beside the database's, on which the owning process carries out what only the
// process holding the data directory open can do. Today that is one thing: a copy of the directory
// for `npm run db:backup` while a server owns it (PGlite dumps the directory from inside).
// One request per connection: the client sends a line naming it; the owner answers a line of JSON,
// { "bytes": n } or { "error": "..." }, followed by the n bytes. The socket file's permissions are
// the access control, as for the database's own socket next to it.
import { unlink } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'

export function controlSocketPathOf(dataDir: string): string {
  return path.join(dataDir, '.s.lookbook.control')
}

export type ControlHandlers = {
  /** The data directory as PGlite's gzipped tarball. */
  dump(): Promise<Uint8Array>
}

/** Starts answering on the control socket. Call only as the owner: a file already there is stale. */
export async function serveControl(dataDir: string, handlers: ControlHandlers): Promise<net.Server> {
  const socketPath = controlSocketPathOf(dataDir)
  await unlink(socketPath).catch(() => undefined)
  const server = net.createServer((socket) => {
    socket.on('error', () => socket.destroy())
    let request = ''
    socket.on('data', (chunk) => {
      request += chunk.toString('utf8')
      if (!request.includes('\n')) {
        if (request.length > 100) socket.destroy()
        return
      }
      socket.pause()
      void answer(request.slice(0, request.indexOf('\n')).trim()).then((reply) => socket.end(reply))
    })
  })
  const answer = async (name: string): Promise<Buffer> => {
    if (name !== 'dump') return Buffer.from(`${JSON.stringify({ error: `unknown request "${name}"` })}\n`)
    try {
      const bytes = await handlers.dump()
      return Buffer.concat([Buffer.from(`${JSON.stringify({ bytes: bytes.byteLength })}\n`), bytes])
    } catch (error) {
      return Buffer.from(`${JSON.stringify({ error: (error as Error).message })}\n`)
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socketPath, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return server
}

const ANSWER_TIMEOUT_MS = 120_000

/**
 * Asks the owning process for a copy of the data directory (see ControlHandlers.dump). A server
 * that is starting opens this socket once its database is open: it is asked again for a few seconds.
 */
export async function requestDump(dataDir: string): Promise<Buffer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await askForDump(dataDir)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (attempt >= 20 || (code !== 'ENOENT' && code !== 'ECONNREFUSED')) throw error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

function askForDump(dataDir: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(controlSocketPathOf(dataDir))
    const chunks: Buffer[] = []
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => {
      socket.destroy()
      reject(
        new Error(`the process that has the embedded database open gave no copy within ${ANSWER_TIMEOUT_MS / 1000} s`),
      )
    })
    socket.on('connect', () => socket.write('dump\n'))
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        Object.assign(
          new Error(
            `cannot ask the process that has the embedded database open for a copy (${error.code ?? error.message}); ` +
              'it may be an older version of Lookbook: stop it and run the backup again.',
          ),
          { code: error.code },
        ),
      ),
    )
    socket.on('end', () => {
      const all = Buffer.concat(chunks)
      const lineEnd = all.indexOf(0x0a)
      let header: { bytes?: number; error?: string }
      try {
        header = JSON.parse(all.subarray(0, lineEnd).toString('utf8')) as typeof header
      } catch {
        return reject(new Error('the process that has the embedded database open gave no answer'))
      }
      if (header.error) return reject(new Error(`the embedded database's owner could not copy it: ${header.error}`))
      const body = all.subarray(lineEnd + 1)
      if (body.length !== header.bytes)
        return reject(new Error(`the copy was cut short (${body.length} of ${header.bytes} bytes)`))
      resolve(body)
    })
  })
}
