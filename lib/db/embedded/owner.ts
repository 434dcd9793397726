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
// See docs/decisions/002-embedded-database-owner.md.
import { mkdir, rm, writeFile, stat, unlink } from 'node:fs/promises'
import { unlinkSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { createWireServer, type WireServer } from './wire-server'
import { applyMigrations } from '../migrate'
import { readMigrations } from '../migrations'
import { sqlRunnerForPglite } from '../sql-runner'

export const EMBEDDED_PORT = 5432

export function socketPathOf(dataDir: string): string {
  return path.join(dataDir, `.s.PGSQL.${EMBEDDED_PORT}`)
}

type Owned = { dataDir: string; wire: WireServer; db: Promise<PGlite> }

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

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

async function openAndServe(dataDir: string, wire: WireServer): Promise<PGlite> {
  // PostgreSQL's default 128 MB of shared buffers lives in PGlite's WebAssembly memory, which never
  // shrinks: the demo's whole database is under 10 MB, and 16 MB saves the owning process ~120 MB.
  const db = await PGlite.create(path.join(dataDir, 'pglite'), {
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  })
  // The embedded database keeps itself migrated: there is no release phase on a laptop.
  const { applied } = await applyMigrations(sqlRunnerForPglite(db), await readMigrations())
  for (const name of applied) console.info(`Embedded database: applied migration ${name}`)
  wire.attach(db)
  return db
}

/** Tries to become the owner. Resolves false when another process won the socket. */
async function tryToOwn(dataDir: string): Promise<boolean> {
  await mkdir(dataDir, { recursive: true })
  const socketPath = socketPathOf(dataDir)
  const wire = createWireServer({ listen: { path: socketPath } })
  try {
    await wire.listening
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false
    throw error
  }
  const db = openAndServe(dataDir, wire)
  owned.set(dataDir, { dataDir, wire, db })
  removeSocketOnExit(socketPath)
  // If the directory cannot be opened, give ownership back rather than serve nothing forever.
  db.catch(() => void releaseEmbeddedDatabase(dataDir))
  await db
  return true
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
    await mine.db
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
  const graceUntil = Date.now() + CLIENTS_GRACE_MS
  while (mine.wire.connectionCount() > 0 && Date.now() < graceUntil)
    await new Promise((resolve) => setTimeout(resolve, 50))
  await mine.wire.close()
  const db = await mine.db.catch(() => undefined)
  await db?.close()
}
