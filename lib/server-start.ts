// What the server does once at start: refuse to run on wrong settings (naming the variable, not a
// stack trace), and open the database before the first visitor arrives.
import { settingsOrExit } from './env'
import { databasePool } from './db/pool'

export async function startServer(): Promise<void> {
  const config = settingsOrExit()
  // Not an error (the demo runs a production build on one machine), but on Heroku or Vercel
  // local files vanish with the dyno and are not shared between instances.
  if (config.NODE_ENV === 'production' && !config.S3_BUCKET && (process.env.DYNO || process.env.VERCEL)) {
    console.warn(
      "Media are stored on this instance's own disk, which Heroku and Vercel do not keep: set S3_BUCKET (see .env.example).",
    )
  }
  databasePool()
    .query('SELECT 1')
    .catch((error: Error) => console.error(`Database not reachable at start: ${error.message}`))
}
