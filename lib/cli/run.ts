// Shared frame for command-line scripts: validated settings, a clear message instead of a stack
// trace for the errors a user can fix, and a clean exit that hands the embedded database back.
import { settings, SettingsError } from '@/lib/env'
import { MigrationError } from '@/lib/db/migrate'
import { closeDatabasePool } from '@/lib/db/pool'
import { disconnectPrisma } from '@/lib/db/client'
import { releaseEmbeddedDatabase } from '@/lib/db/embedded/owner'

export async function runCli(name: string, main: () => Promise<void>, options: { exit?: boolean } = {}): Promise<number> {
  let exitCode = 0
  try {
    settings() // fail before doing anything when a setting is wrong
    await main()
  } catch (error) {
    exitCode = 1
    if (error instanceof SettingsError || error instanceof MigrationError) console.error(error.message)
    else if (error instanceof UsageError) console.error(`${name}: ${error.message}`)
    else console.error(`${name} failed:`, error)
  } finally {
    await disconnectPrisma().catch(() => undefined)
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

/** A mistake in how the command was called: printed without a stack trace. */
export class UsageError extends Error {}
