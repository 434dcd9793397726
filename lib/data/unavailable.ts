// Whether an error means "the database is not there right now" (stopped, restarting, failing over,
// out of connections) rather than "this request is wrong" or "our code is wrong". The first is
// answered 503 with Retry-After — the visitor may simply try again — and never logged as a bug.
import { Prisma } from '@/lib/db/client'
import { isUnreachableCode } from '@/lib/network-errors'

/**
 * PostgreSQL's own codes: class 08 (connection exception), 57P01–57P03 (shutting down, crashed,
 * starting up), 53300 (too many connections) and 53100 (disk full: a table, an index or the
 * write-ahead log could not grow; nothing of the statement was written, and the same request works
 * once space is freed — the log line says which file).
 */
const SERVER_CODES = /^(08\d{3}|57P0[1-3]|53[13]00)$/

/** Prisma's codes for the same: cannot reach, timed out, connection closed, pool timeout, too many. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037'])

/**
 * node-postgres's messages for a connection that broke or never came (they carry no code), and
 * Prisma's for a transaction that got no connection in time (P2028, whose code also covers a
 * transaction that ran too long, which is a bug).
 */
const BROKEN_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Unable to start a transaction in the given time/i

export function isDatabaseUnavailable(error: unknown): boolean {
  // Prisma and the driver adapter wrap the driver's error: look through the chain of causes. A
  // PostgreSQL error Prisma has no code of its own for (P2039, "database error") carries the
  // server's code only in meta.driverAdapterError.cause: 57P03 from a database starting up, say.
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof Prisma.PrismaClientKnownRequestError && PRISMA_CODES.has(current.code)) return true
    if (current instanceof Prisma.PrismaClientInitializationError) return true
    if (typeof current !== 'object') return false
    const { code, message, cause, meta } = current as {
      code?: unknown
      message?: unknown
      cause?: unknown
      meta?: unknown
    }
    // A socket error node-postgres passes on (the server cannot be reached or dropped the line).
    if (isUnreachableCode(code) || (typeof code === 'string' && SERVER_CODES.test(code))) return true
    if (typeof message === 'string' && BROKEN_CONNECTION.test(message)) return true
    current = cause ?? (meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError
  }
  return false
}

/** How long a visitor or a client should wait before trying again, in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database is not answering right now, so nothing was saved. Please try again in a moment.'

const WARN_EVERY_MS = 30_000
// On globalThis: the server entry and Next's route bundles each load their own copy of this module.
const warned = globalThis as { __lookbookDatabaseWarnedAt?: number }

/** Says in the log that requests are being refused for an outage: once, not once per request. */
export function warnDatabaseUnavailable(error: unknown): void {
  const now = Date.now()
  if (now - (warned.__lookbookDatabaseWarnedAt ?? 0) < WARN_EVERY_MS) return
  warned.__lookbookDatabaseWarnedAt = now
  const reason = error instanceof Error ? error.message.trim().split('\n').at(-1) : String(error)
  console.warn(`Database unavailable, answering 503 with Retry-After until it returns: ${reason}`)
}
