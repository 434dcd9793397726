// The one confirmation the destructive commands (db:reset, db:restore --force) ask for in
// production: --force, and the database's name a second time (typed at the prompt, or --confirm
// <name> on a one-off dyno without one).
import { createInterface } from 'node:readline/promises'
import { settings } from '@/lib/env'
import { UsageError } from './run'

/** What the user would recognise the database by: its name on the server, or the embedded one's folder. */
export function databaseName(): string {
  const { DATABASE_URL, DATA_DIR } = settings()
  if (!DATABASE_URL) return DATA_DIR
  return decodeURIComponent(new URL(DATABASE_URL).pathname.slice(1)) || 'postgres'
}

async function typedAtPrompt(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return (await prompt.question(question)).trim()
  } finally {
    prompt.close()
  }
}

/** Throws UsageError in production unless given --force and the database's name again. */
export async function refuseInProductionUnlessConfirmed(
  what: 'delete' | 'replace',
  force: boolean,
  confirm: string | undefined,
): Promise<void> {
  if (settings().NODE_ENV !== 'production') return
  const name = databaseName()
  if (!force)
    throw new UsageError(
      `refusing to ${what} the production database "${name}" (NODE_ENV=production). If you mean it: --force --confirm ${name}`,
    )
  const typed =
    confirm ??
    (process.stdin.isTTY
      ? await typedAtPrompt(`This will ${what} every record in "${name}". Type its name to go on: `)
      : '')
  if (typed !== name)
    throw new UsageError(
      typed
        ? `"${typed}" is not "${name}": nothing was changed.`
        : `no prompt here: give the database's name with --confirm ${name}`,
    )
}
