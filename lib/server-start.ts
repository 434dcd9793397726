// What the server does once at start: refuse to run on wrong settings (naming the variable, not a
// stack trace), and open the database before the first visitor arrives.
import { settings, SettingsError } from './env'
import { databasePool } from './db/pool'

export async function startServer(): Promise<void> {
  try {
    settings()
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  databasePool()
    .query('SELECT 1')
    .catch((error: Error) => console.error(`Database not reachable at start: ${error.message}`))
}
