// Serves one PGlite database to any number of PostgreSQL clients over a socket.
//
// PGlite is a single Postgres session. Clients must therefore take turns, and a turn must cover
// everything that belongs together: an extended-protocol batch (Parse … Sync) and a whole
// transaction (BEGIN … COMMIT). We hand the session to one connection when it sends a message and
// take it back only when Postgres answers ReadyForQuery with status 'I' (idle, no transaction
// open). That rule is the protocol's own notion of "done", so no heuristic about message types is
// needed, and no statement of one client can ever land inside another client's batch or
// transaction. (We wrote this instead of using @electric-sql/pglite-socket 0.2.17, whose queue can
// interleave the pieces of large messages from different connections: see
// docs/decisions/002-embedded-database-owner.md.)
//
// A PANIC (PostgreSQL giving up, e.g. when the disk is full and its write-ahead log cannot grow)
// ends the PGlite instance for good: its WebAssembly has called abort(), and any later call into it
// can spin forever on a lock the aborted code held, freezing this whole process. A real server's
// postmaster would end every session and restart with crash recovery; here the server stops using
// that instance at once, drops every connection, refuses new ones with 57P03 (as PostgreSQL does
// during crash recovery) and tells its owner, which opens the directory again (./owner.ts).
import net from 'node:net'
import type { PGlite } from '@electric-sql/pglite'

const SSL_REQUEST = 80877103
const GSS_ENC_REQUEST = 80877104
const PROTOCOL_3 = 196608
const TERMINATE = 0x58 // 'X'
const READY_FOR_QUERY = 0x5a // 'Z'
const ERROR_RESPONSE = 0x45 // 'E'
const IDLE = 0x49 // 'I'
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]) // 'S', length 4
const ROLLBACK = simpleQuery('ROLLBACK')

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`)
  const message = Buffer.alloc(5 + text.length)
  message.write('Q', 0)
  message.writeInt32BE(4 + text.length, 1)
  text.copy(message, 5)
  return message
}

/** A FIFO mutex: the Postgres session, lent to one connection at a time. */
class SessionTurns {
  private holder: number | null = null
  private waiting: { id: number; grant: () => void }[] = []

  holderId(): number | null {
    return this.holder
  }

  isFree(): boolean {
    return this.holder === null
  }

  waitingCount(): number {
    return this.waiting.length
  }

  holdBy(id: number): boolean {
    return this.holder === id
  }

  async take(id: number): Promise<void> {
    if (this.holder === id) return
    if (this.holder === null) {
      this.holder = id
      return
    }
    await new Promise<void>((grant) => this.waiting.push({ id, grant }))
  }

  giveBack(id: number): void {
    if (this.holder !== id) return
    const next = this.waiting.shift()
    this.holder = next ? next.id : null
    next?.grant()
  }

  forget(id: number): void {
    this.waiting = this.waiting.filter((waiter) => waiter.id !== id)
    this.giveBack(id)
  }

  /** After a crash: nobody holds the session, and every waiter is let go (its socket is gone). */
  dropAll(): void {
    const waiting = this.waiting
    this.waiting = []
    this.holder = null
    for (const waiter of waiting) waiter.grant()
  }
}

type Frame = { bytes: Buffer; untyped: boolean }

/**
 * Splits a byte stream into whole frontend messages. Messages before and including the startup
 * message have no type byte; an SSL or GSS request is followed by another untyped message.
 */
function takeFrames(buffer: Buffer, expectUntyped: boolean): { frames: Frame[]; rest: Buffer; expectUntyped: boolean } {
  const frames: Frame[] = []
  let offset = 0
  while (true) {
    if (expectUntyped) {
      if (buffer.length - offset < 8) break
      const length = buffer.readInt32BE(offset)
      if (length < 8 || buffer.length - offset < length) break
      const bytes = buffer.subarray(offset, offset + length)
      frames.push({ bytes, untyped: true })
      offset += length
      const code = bytes.readInt32BE(4)
      expectUntyped = code === SSL_REQUEST || code === GSS_ENC_REQUEST
      continue
    }
    if (buffer.length - offset < 5) break
    const length = 1 + buffer.readInt32BE(offset + 1)
    if (buffer.length - offset < length) break
    frames.push({ bytes: buffer.subarray(offset, offset + length), untyped: false })
    offset += length
  }
  return { frames, rest: Buffer.from(buffer.subarray(offset)), expectUntyped }
}

function endsIdle(response: Uint8Array): boolean {
  const n = response.length
  return n >= 6 && response[n - 6] === READY_FOR_QUERY && response[n - 1] === IDLE
}

/** The fields of an ErrorResponse's body: one type byte and a C string each, then a zero byte. */
function errorFields(body: Buffer): Record<string, string> {
  const fields: Record<string, string> = {}
  let offset = 0
  while (offset < body.length && body[offset] !== 0) {
    const end = body.indexOf(0, offset + 1)
    if (end < 0) break
    fields[String.fromCharCode(body[offset]!)] = body.toString('utf8', offset + 1, end)
    offset = end + 1
  }
  return fields
}

/** The fields of every ErrorResponse in a protocol answer: walks the messages' headers only. */
function* errorResponsesIn(response: Uint8Array): Generator<Record<string, string>> {
  const bytes = Buffer.from(response.buffer, response.byteOffset, response.byteLength)
  for (let offset = 0; offset + 5 <= bytes.length;) {
    const length = bytes.readInt32BE(offset + 1)
    if (length < 4) break
    const end = offset + 1 + length
    if (bytes[offset] === ERROR_RESPONSE && end <= bytes.length) yield errorFields(bytes.subarray(offset + 5, end))
    offset = end
  }
}

/** "CODE message" of the PANIC a response reports, or null. */
export function panicIn(response: Uint8Array): string | null {
  for (const fields of errorResponsesIn(response))
    // V is the severity never translated (protocol 3, PostgreSQL 9.6+); S is the same, localised.
    if ((fields.V ?? fields.S) === 'PANIC') return `${fields.C ?? '?'} ${fields.M ?? ''}`.trim()
  return null
}

/** The message of the first ErrorResponse in a protocol answer, or null. */
function errorIn(response: Uint8Array): string | null {
  for (const fields of errorResponsesIn(response)) return fields.M ?? 'error'
  return null
}

/**
 * What PostgreSQL answers a connection while it recovers from a crash: FATAL 57P03, cannot connect
 * now (also sent while a restore replaces the data directory).
 */
export function cannotConnectNow(why = 'the embedded database is starting again after a crash'): Buffer {
  const fields = ['SFATAL', 'VFATAL', 'C57P03', `M${why}`]
  const body = Buffer.concat([...fields.map((field) => Buffer.from(`${field}\0`)), Buffer.from([0])])
  const header = Buffer.alloc(5)
  header[0] = ERROR_RESPONSE
  header.writeInt32BE(4 + body.length, 1)
  return Buffer.concat([header, body])
}

export type WireServerOptions = {
  /** A Unix socket path or { host, port }. */
  listen: { path: string } | { host: string; port: number }
  /** A connection that holds the session this long without sending anything is closed. */
  idleInTransactionMs?: number
  /**
   * The attached instance reported a PANIC and will never be called again; every connection was
   * dropped and new ones are refused until attach() gives another instance.
   */
  onCrash?: (db: PGlite, reason: string) => void
}

export type WireServer = {
  server: net.Server
  /** Resolves once the socket listens; rejects with the listen error (e.g. EADDRINUSE). */
  listening: Promise<void>
  /**
   * Starts serving queries once the database is open; until the first one, clients wait. After a
   * crash (see onCrash), the instance that replaces the dead one.
   */
  attach(db: PGlite): void
  /**
   * Takes a turn of its own, between clients' units of work (never inside one's transaction),
   * runs CHECKPOINT through the protocol like any client's statement (so a PANIC, a full disk, ends
   * this instance's service as usual), then `work` with the instance: a backup of the data
   * directory is then a consistent, checkpointed picture. Rejects when no instance is open.
   */
  afterCheckpoint<T>(work: (db: PGlite) => Promise<T>): Promise<T>
  connectionCount(): number
  /** Connections waiting for their turn with the session (another holds it, e.g. in a transaction). */
  waitingCount(): number
  close(): Promise<void>
}

export function createWireServer(options: WireServerOptions): WireServer {
  const turns = new SessionTurns()
  const sockets = new Set<net.Socket>()
  // Before the first attach clients wait (the owner is opening the directory); after a crash they
  // are refused until the next attach, since reopening may wait for disk space indefinitely.
  let database: { state: 'starting' } | { state: 'open'; db: PGlite } | { state: 'crashed' } = { state: 'starting' }
  let firstAttached!: () => void
  const attached = new Promise<void>((resolve) => (firstAttached = resolve))
  const openDatabase = async (): Promise<PGlite | null> => {
    if (database.state === 'starting') await attached
    return database.state === 'open' ? database.db : null
  }
  const isServing = (db: PGlite) => database.state === 'open' && database.db === db

  /** Stops using a PGlite that reported a PANIC: from now on, any call into it could hang this process. */
  const crashed = (db: PGlite, reason: string, origin?: net.Socket) => {
    if (!isServing(db)) return
    database = { state: 'crashed' }
    turns.dropAll()
    for (const socket of sockets) {
      if (socket !== origin) {
        socket.destroy()
        continue
      }
      // The connection whose statement hit the PANIC gets its error before the line closes.
      socket.end()
      setTimeout(() => socket.destroy(), 1_000).unref()
    }
    options.onCrash?.(db, reason)
  }

  /** One protocol exchange with the session; a PANIC in the answer ends this instance's service. */
  const exchange = async (db: PGlite, bytes: Uint8Array, origin?: net.Socket) => {
    const response = await db.runExclusive(() => db.execProtocolRaw(bytes))
    const panic = panicIn(response)
    return { response, crash: panic === null ? undefined : () => crashed(db, panic, origin) }
  }
  const idleLimit = options.idleInTransactionMs ?? 60_000
  let nextId = 1
  // For the slow-turn warning: what each connection last asked for.
  const lastMessageType = new Map<number, string>()
  const lastType = (id: number | null) => (id === null ? 'none' : (lastMessageType.get(id) ?? '?'))

  const server = net.createServer((socket) => {
    const id = nextId++
    sockets.add(socket)
    let buffer: Buffer = Buffer.alloc(0)
    let expectUntyped = true
    let chain = Promise.resolve()
    let idleTimer: NodeJS.Timeout | undefined
    // The instance this connection's session lives in: a connection never outlives its instance.
    let sessionDb: PGlite | undefined

    const armIdleTimer = () => {
      clearTimeout(idleTimer)
      if (turns.holdBy(id)) idleTimer = setTimeout(() => socket.destroy(), idleLimit)
    }

    const handle = async ({ bytes, untyped }: Frame) => {
      if (socket.destroyed || socket.writableEnded) return
      if (untyped) {
        const code = bytes.readInt32BE(4)
        if (code === SSL_REQUEST || code === GSS_ENC_REQUEST) {
          socket.write('N') // no encryption on a local socket
          return
        }
        if (code !== PROTOCOL_3) {
          socket.end() // a cancel request (statements run to completion here) or an unknown protocol
          return
        }
      } else if (bytes[0] === TERMINATE) {
        socket.end()
        return
      }
      const db = await openDatabase()
      if (!db) {
        socket.end(cannotConnectNow())
        return
      }
      sessionDb ??= db
      if (db !== sessionDb) {
        socket.destroy()
        return
      }
      const waitingSince = Date.now()
      const slowTurn = setTimeout(
        () =>
          console.warn(
            `Embedded database: connection ${id} has waited 10 s for connection ${turns.holderId()} (last message '${lastType(turns.holderId())}')`,
          ),
        10_000,
      )
      await turns.take(id)
      clearTimeout(slowTurn)
      if (Date.now() - waitingSince > 10_000)
        console.warn(`Embedded database: connection ${id} got its turn after ${Date.now() - waitingSince} ms`)
      lastMessageType.set(id, untyped ? 'startup' : String.fromCharCode(bytes[0]!))
      if (socket.destroyed || !isServing(db)) return
      const { response, crash } = await exchange(db, new Uint8Array(bytes), socket)
      if (response.length > 0 && !socket.destroyed) socket.write(response)
      if (crash) {
        crash()
        return
      }
      if (endsIdle(response)) turns.giveBack(id)
      armIdleTimer()
    }

    socket.on('data', (data) => {
      const taken = takeFrames(Buffer.concat([buffer, data]), expectUntyped)
      buffer = taken.rest
      expectUntyped = taken.expectUntyped
      for (const frame of taken.frames) {
        chain = chain.then(() => handle(frame)).catch(() => void socket.destroy())
      }
    })

    socket.on('error', () => socket.destroy())
    socket.on('close', () => {
      sockets.delete(socket)
      lastMessageType.delete(id)
      clearTimeout(idleTimer)
      // A client that vanished in the middle of its turn must not leave the session inside a batch
      // (Sync ends it, even after an error) or inside a transaction.
      void chain.finally(async () => {
        const db = sessionDb
        if (turns.holdBy(id) && db && isServing(db)) {
          // Still this connection's turn, so nobody else runs in between. Both go through exchange:
          // even a rollback writes to the log, and can hit a PANIC of its own.
          const settle = async (bytes: Uint8Array) => (await exchange(db, bytes).catch(() => undefined))?.crash?.()
          await settle(SYNC)
          if (isServing(db) && db.isInTransaction()) await settle(ROLLBACK)
        }
        turns.forget(id)
      })
    })
  })

  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    const target = options.listen
    const onListening = () => {
      server.off('error', reject)
      resolve()
    }
    if ('path' in target) server.listen(target.path, onListening)
    else server.listen(target.port, target.host, onListening)
  })

  return {
    server,
    listening,
    attach: (db) => {
      database = { state: 'open', db }
      firstAttached()
    },
    async afterCheckpoint(work) {
      const db = await openDatabase()
      if (!db) throw new Error('The embedded database is not open (it is recovering from a crash).')
      const id = nextId++
      await turns.take(id)
      try {
        if (!isServing(db)) throw new Error('The embedded database stopped while waiting for its turn.')
        const { response, crash } = await exchange(db, simpleQuery('CHECKPOINT'))
        if (crash) {
          crash()
          throw new Error('The embedded database stopped (PANIC) during the checkpoint: nothing was copied.')
        }
        const failed = errorIn(response)
        if (failed) throw new Error(`CHECKPOINT failed: ${failed}`)
        return await work(db)
      } finally {
        turns.giveBack(id)
      }
    },
    connectionCount: () => sockets.size,
    waitingCount: () => turns.waitingCount(),
    async close() {
      // Stop taking connections, let the client whose turn it is finish (up to a limit), then drop
      // everyone; the close handler rolls back whatever a dropped client left open.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      const deadline = Date.now() + 5_000
      while (!turns.isFree() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      for (const socket of sockets) socket.destroy()
      await closed
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}
