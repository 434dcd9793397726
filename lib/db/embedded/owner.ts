// One process owns the embedded database; every other process is its client.
//
// PGlite silently loses writes when two processes open one data directory, so no process ever
// opens it unless it owns it. Ownership is the Unix socket `DATA_DIR/.s.PGSQL.5432`:
// - a process that can connect to the socket is a client (node-postgres over the socket);
// - otherwise it becomes the owner: it binds the socket first (bind is atomic: exactly one process
//   wins), and only then opens the data directory and serves it (./wire-server.ts).
// A socket file left by a killed owner refuses connections; it is removed under a short-lived
// takeover lock, so two processes cannot both remove it and both bind. When the owner exits, its
// clients' next connection makes one of them the new owner (see ./pool.ts).
// If PostgreSQL PANICs (a full disk: its write-ahead log cannot grow), the owner stays the owner:
// the wire server drops the dead instance and refuses connections, and the owner opens the directory
// again (crash recovery replays the log) as soon as it can, without a restart.
// See docs/decisions/002-embedded-database-owner.md.
import { mkdir, rm, writeFile, stat, statfs, unlink } from 'node:fs/promises'
import { unlinkSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { PGlite } from '@electric-sql/pglite'
import { cannotConnectNow, createWireServer, type WireServer } from './wire-server'
import { controlSocketPathOf, requestDump, serveControl } from './control'
import { applyMigrations } from '../migrate'
import { readMigrations } from '../migrations'
import { sqlRunnerForPglite } from '../sql-runner'

export const EMBEDDED_PORT = 5432

export function socketPathOf(dataDir: string): string {
  return path.join(dataDir, `.s.PGSQL.${EMBEDDED_PORT}`)
}

type Owned = {
  dataDir: string
  wire: WireServer
  /** The first opening: this process serves the database once it resolves. */
  opened: Promise<PGlite>
  /** The instance serving now; null after a crash until it is open again. */
  current: PGlite | null
  /** The reopening under way after a crash (release waits for it). */
  reopening?: Promise<void>
  /** Aborted by release: a reopening stops waiting and gives up. */
  released: AbortController
  /** Answers other processes' requests only the owner can carry out (./control.ts). */
  control?: net.Server
}

// One owner per process and data directory, kept on globalThis so that Next's module reloading
// in development cannot open the same directory twice in one process.
const owned: Map<string, Owned> = ((
  globalThis as { __lookbookEmbeddedOwners?: Map<string, Owned> }
).__lookbookEmbeddedOwners ??= new Map())

function canConnect(socketPath: string): Promise<'yes' | 'refused' | 'missing'> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath)
    socket.once('connect', () => {
      socket.destroy()
      resolve('yes')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy()
      resolve(error.code === 'ENOENT' ? 'missing' : 'refused')
    })
  })
}

/** Removes a dead owner's socket file, unless another process is already doing so. */
async function removeStaleSocket(dataDir: string): Promise<void> {
  const lock = path.join(dataDir, '.takeover.lock')
  try {
    await writeFile(lock, String(process.pid), { flag: 'wx' })
  } catch {
    // Someone else is taking over; a lock older than a few seconds was left by a crash.
    const age = await stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    )
    if (age > 5_000) await rm(lock, { force: true })
    return
  }
  try {
    // Look again under the lock: the process that held it before us may have become the owner.
    if ((await canConnect(socketPathOf(dataDir))) === 'refused')
      await unlink(socketPathOf(dataDir)).catch(() => undefined)
  } finally {
    await rm(lock, { force: true })
  }
}

// PostgreSQL's default 128 MB of shared buffers lives in PGlite's WebAssembly memory, which never
// shrinks: the demo's whole database is under 10 MB, and 16 MB saves the owning process ~120 MB.
// Startup progress is logged on a 10 s timer; a start that fails (a full disk) leaves it armed, and
// the timer keeps the failed instance alive: ~40 MB more for every attempt to reopen (measured).
export const EMBEDDED_START_PARAMS = [
  ...PGlite.defaultStartParams,
  ...['-c', 'shared_buffers=16MB', '-c', 'log_startup_progress_interval=0'],
]

/** Opens the directory (crash recovery included) and applies pending migrations. */
async function openDatabase(dataDir: string): Promise<PGlite> {
  const db = new PGlite(path.join(dataDir, 'pglite'), { startParams: EMBEDDED_START_PARAMS })
  try {
    await db.waitReady
    // The embedded database keeps itself migrated: there is no release phase on a laptop.
    const { applied } = await applyMigrations(sqlRunnerForPglite(db), await readMigrations())
    for (const name of applied) console.info(`Embedded database: applied migration ${name}`)
    return db
  } catch (error) {
    // Its WebAssembly may be stuck (a PANIC): close only its files, never call into it again.
    await abandon(db)
    throw new Error(`${(error as Error).message}${await lowDiskNote(dataDir)}`, { cause: error })
  }
}

/**
 * Lets go of an instance that PANICked or failed to start without running any of its code (that
 * can spin forever on a lock the aborted code held): closes its open files, the rest is garbage.
 */
async function abandon(db: PGlite): Promise<void> {
  await db.fs?.closeFs().catch(() => undefined)
}

/** PostgreSQL needs room for a new 16 MB write-ahead log segment to start after such a crash. */
const ROOM_TO_START_BYTES = 32 * 1024 * 1024

/** " — only N MB free on the disk of DIR…" when that explains a failure, else "". */
async function lowDiskNote(dataDir: string): Promise<string> {
  const free = await freeBytes(dataDir)
  if (free === undefined || free >= ROOM_TO_START_BYTES) return ''
  return ` — only ${(free / 1024 / 1024).toFixed(1)} MB free on the disk of ${dataDir}: free some space (the embedded database needs about ${ROOM_TO_START_BYTES / 1024 / 1024} MB to start).`
}

async function freeBytes(dataDir: string): Promise<number | undefined> {
  return statfs(dataDir).then(
    (disk) => disk.bavail * disk.bsize,
    () => undefined,
  )
}

const REOPEN_FIRST_DELAY_MS = 500
const REOPEN_MAX_DELAY_MS = 5_000

/**
 * After a PANIC: opens the directory again until it works (or this process lets go of it). While
 * the disk lacks the room PostgreSQL needs to start, it mostly waits for that room instead of trying
 * (a failed start blocks this process's event loop for ~0.2 s); requests meanwhile get 503.
 */
async function reopenAfterCrash(entry: Owned, reason: string): Promise<void> {
  console.error(
    `Embedded database: PostgreSQL stopped with a PANIC (${reason}). Requests that need the database are answered 503 until it is open again; reopening it now.${await lowDiskNote(entry.dataDir)}`,
  )
  const stillMine = () => owned.get(entry.dataDir) === entry && !entry.released.signal.aborted
  let delay = REOPEN_FIRST_DELAY_MS
  let lastAttempt = 0
  let lastComplaint = 0
  for (let attempt = 1; stillMine();) {
    const free = await freeBytes(entry.dataDir)
    const roomy = free === undefined || free >= ROOM_TO_START_BYTES
    if (roomy || Date.now() - lastAttempt > 60_000) {
      lastAttempt = Date.now()
      try {
        const db = await openDatabase(entry.dataDir)
        if (!stillMine()) {
          await db.close()
          return
        }
        entry.current = db
        entry.wire.attach(db)
        console.info(`Embedded database: open again after the crash (attempt ${attempt}), serving requests.`)
        return
      } catch (error) {
        attempt++
        if (Date.now() - lastComplaint > 60_000) {
          lastComplaint = Date.now()
          console.error(`Embedded database: cannot open it again yet: ${(error as Error).message}`)
        }
      }
    }
    await sleep(delay, undefined, { signal: entry.released.signal }).catch(() => undefined)
    delay = Math.min(delay * 2, REOPEN_MAX_DELAY_MS)
  }
}

/** Tries to become the owner. Resolves false when another process won the socket. */
async function tryToOwn(dataDir: string): Promise<boolean> {
  await mkdir(dataDir, { recursive: true })
  const socketPath = socketPathOf(dataDir)
  const wire = createWireServer({
    listen: { path: socketPath },
    onCrash: (dead, reason) => {
      entry.current = null
      entry.reopening = abandon(dead).then(() => reopenAfterCrash(entry, reason))
    },
  })
  try {
    await wire.listening
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false
    throw error
  }
  const entry: Owned = {
    dataDir,
    wire,
    opened: openDatabase(dataDir).then((db) => {
      entry.current = db
      wire.attach(db)
      return db
    }),
    current: null,
    released: new AbortController(),
  }
  owned.set(dataDir, entry)
  removeSocketOnExit(socketPath)
  removeSocketOnExit(controlSocketPathOf(dataDir))
  // If the directory cannot be opened, give ownership back rather than serve nothing forever.
  entry.opened.catch(() => void releaseEmbeddedDatabase(dataDir))
  await entry.opened
  // Without it only backups made while a server runs are missing (a data folder whose path is too
  // long for a second socket name, say): the database itself is served either way.
  entry.control = await serveControl(dataDir, { dump: () => dumpOwned(entry) }).catch((error: Error) => {
    console.warn(`Embedded database: no control socket, so db:backup needs the server stopped (${error.message})`)
    return undefined
  })
  return true
}

/**
 * The data directory as PGlite's gzipped tarball, taken between clients' units of work after a
 * checkpoint: every committed write is in the files, and a restore starts without replaying a log.
 */
async function dumpOwned(entry: Owned): Promise<Uint8Array> {
  return entry.wire.afterCheckpoint(async (db) => tarballOf(db))
}

async function tarballOf(db: PGlite): Promise<Uint8Array> {
  return new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer())
}

/**
 * A copy of the embedded database in dataDir (PGlite's gzipped tarball of its data directory),
 * made by whichever process has it open: this one, or a running server asked over ./control.ts.
 * When none has, the directory is opened for the copy alone, as it is: not migrated (a backup
 * taken before new code first runs must hold the database as the old code left it).
 */
export async function dumpEmbeddedDatabase(dataDir: string): Promise<Uint8Array> {
  const directory = path.resolve(dataDir)
  const mine = owned.get(directory)
  if (mine) {
    await mine.opened
    return dumpOwned(mine)
  }
  if ((await canConnect(socketPathOf(directory))) === 'yes') return requestDump(directory)
  try {
    return await withEmbeddedDatabaseClosed(directory, async () => {
      const files = path.join(directory, 'pglite')
      if (!(await stat(path.join(files, 'PG_VERSION')).catch(() => null)))
        throw new Error(`there is no embedded database in ${directory} to back up`)
      const db = new PGlite(files, { startParams: EMBEDDED_START_PARAMS })
      try {
        await db.waitReady
        await db.exec('CHECKPOINT')
        return await tarballOf(db)
      } finally {
        await db.close()
      }
    })
  } catch (error) {
    // A server took the directory over meanwhile: it makes the copy.
    if (error instanceof EmbeddedDatabaseInUse) return requestDump(directory)
    throw error
  }
}

export class EmbeddedDatabaseInUse extends Error {}

/**
 * Runs `work` while no process has the embedded database in dataDir open and none can open it:
 * this process holds the socket, answering every connection "cannot connect now". For replacing
 * the data directory (a restore). Throws EmbeddedDatabaseInUse while another process owns it.
 */
export async function withEmbeddedDatabaseClosed<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const directory = path.resolve(dataDir)
  if (owned.has(directory))
    throw new EmbeddedDatabaseInUse(`this process has the embedded database in ${directory} open`)
  await mkdir(directory, { recursive: true })
  const socketPath = socketPathOf(directory)
  const guard = net.createServer((socket) => {
    socket.on('error', () => socket.destroy())
    socket.end(cannotConnectNow('the embedded database is being restored from a backup'))
  })
  for (let attempt = 0; ; attempt++) {
    const state = await canConnect(socketPath)
    if (state === 'yes')
      throw new EmbeddedDatabaseInUse(
        `another process has the embedded database in ${directory} open (a server, or another command): stop it first.`,
      )
    if (state === 'refused') await removeStaleSocket(directory)
    else {
      const bound = await new Promise<boolean>((resolve, reject) => {
        guard.once('error', (error: NodeJS.ErrnoException) =>
          error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
        )
        guard.listen(socketPath, () => resolve(true))
      })
      if (bound) break
    }
    if (attempt > 50)
      throw new EmbeddedDatabaseInUse(`another process keeps the embedded database in ${directory} busy`)
    await sleep(20 + attempt * 10)
  }
  try {
    return await work()
  } finally {
    // Closing removes the socket file. Nothing more: a process may own the database a moment later,
    // and removing its socket would let a second one open the directory.
    await new Promise<void>((resolve) => guard.close(() => resolve()))
  }
}

const exitHooks = new Set<string>()
function removeSocketOnExit(socketPath: string): void {
  if (exitHooks.has(socketPath)) return
  exitHooks.add(socketPath)
  // Synchronous, so it also runs when something else calls process.exit().
  process.once('exit', () => {
    try {
      unlinkSync(socketPath)
    } catch {
      // already gone
    }
  })
}

export type EmbeddedRole = 'owner' | 'client'

/**
 * Makes sure some process serves the embedded database in dataDir, becoming that process if
 * none does. Returns this process's role. Safe to call often: it is cheap once settled.
 */
export async function ensureEmbeddedDatabase(dataDir: string): Promise<EmbeddedRole> {
  const directory = path.resolve(dataDir)
  const mine = owned.get(directory)
  if (mine) {
    // Only the first opening is awaited: after a crash, connections go to the socket, which refuses
    // them (57P03, answered 503) until the database is open again, rather than waiting for disk space.
    await mine.opened
    return 'owner'
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const state = await canConnect(socketPathOf(directory))
    if (state === 'yes') return 'client'
    if (state === 'refused') await removeStaleSocket(directory)
    else if (await tryToOwn(directory)) return 'owner'
    await sleep(20 + attempt * 10)
  }
  throw new Error(
    `Could not open the embedded database in ${directory}: another process keeps it busy. ` +
      `Stop other Lookbook processes using DATA_DIR=${dataDir}, or set DATABASE_URL to use PostgreSQL.`,
  )
}

/** Whether this process owns the embedded database in dataDir. */
export function ownsEmbeddedDatabase(dataDir: string): boolean {
  return owned.has(path.resolve(dataDir))
}

/**
 * Stops serving and closes the data directory, so another process can own it. Waits for
 * clients' open turns to end (the wire server rolls back what a dropped client left open).
 */
/**
 * How long an owner that is done waits for other processes still connected to it. A client closes
 * its idle connections after 5 s (./pool.ts); one still at work (a seed that outlasts the command
 * that happened to own the database) would otherwise lose its connections mid-way.
 */
const CLIENTS_GRACE_MS = 10_000

export async function releaseEmbeddedDatabase(dataDir: string): Promise<void> {
  const directory = path.resolve(dataDir)
  const mine = owned.get(directory)
  if (!mine) return
  owned.delete(directory)
  mine.released.abort()
  const graceUntil = Date.now() + CLIENTS_GRACE_MS
  while (mine.wire.connectionCount() > 0 && Date.now() < graceUntil)
    await new Promise((resolve) => setTimeout(resolve, 50))
  mine.control?.close()
  await mine.wire.close()
  await mine.opened.catch(() => undefined)
  await mine.reopening
  // Never a crashed instance: it was abandoned (current is null until a reopening succeeds).
  await mine.current?.close()
}
