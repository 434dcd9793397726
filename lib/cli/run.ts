// Shared frame for command-line scripts: validated settings, a clear message instead of a stack
// trace for the errors a user can fix, and a clean exit that hands the embedded database back.
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { settings, SettingsError } from '@/lib/env'
import { MigrationError } from '@/lib/db/migrate'
import { closeDatabasePool } from '@/lib/db/pool'
import { releaseEmbeddedDatabase } from '@/lib/db/embedded/owner'

export async function runCli(
  name: string,
  main: () => Promise<void>,
  options: { exit?: boolean } = {},
): Promise<number> {
  let exitCode = 0
  try {
    settings() // fail before doing anything when a setting is wrong
    await main()
  } catch (error) {
    exitCode = 1
    if (error instanceof SettingsError || error instanceof MigrationError) console.error(error.message)
    else if (error instanceof UsageError) console.error(`${name}: ${error.message}`)
    else if (isConnectionError(error))
      console.error(
        `${name}: cannot reach the database (${(error as Error).message}). Check DATABASE_URL, or unset it to use the embedded database.`,
      )
    else console.error(`${name} failed:`, error)
  } finally {
    await disconnectPrismaIfUsed().catch(() => undefined)
    await closeDatabasePool().catch(() => undefined)
    await releaseEmbeddedDatabase(safeDataDir()).catch(() => undefined)
  }
  if (options.exit !== false) process.exit(exitCode)
  return exitCode
}

function safeDataDir(): string {
  try {
    return settings().DATA_DIR
  } catch {
    return '.data'
  }
}

// Errors a user fixes in their settings or by starting the server: no stack trace needed.
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', '28P01', '28000', '3D000'])
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && CONNECTION_ERRORS.has(code)
}

/** A mistake in how the command was called: printed without a stack trace. */
export class UsageError extends Error {}

/** The command's arguments; an unknown or malformed one is a UsageError followed by the usage text. */
export function parseCommandLine<const T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config)
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`)
  }
}

/**
 * Prisma's client (its query compiler is WebAssembly) adds some 140 MB to a process: a command that
 * never used it (the feed sync) must not load it just to disconnect it.
 */
async function disconnectPrismaIfUsed(): Promise<void> {
  if (!(globalThis as { __lookbookPrisma?: unknown }).__lookbookPrisma) return
  const { disconnectPrisma } = await import('@/lib/db/client')
  await disconnectPrisma()
}

/** For commands that run until stopped (feed:worker, feed:simulate): aborted by SIGTERM or Ctrl-C. */
export function stopOnSignals(): AbortSignal {
  const stop = new AbortController()
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => stop.abort())
  return stop.signal
}

/** Waits `ms`, or less when `stop` is aborted meanwhile. */
export async function pause(ms: number, stop: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal: stop }).catch(() => undefined)
}
