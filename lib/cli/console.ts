// npm run console -- [--eval '<code>']
// A REPL for operators (on Heroku: heroku run npm run console) with the Prisma client and every
// lib/data module loaded: `await db.idol.count()`, `await data.outfits.getOutfitBySlug('x')`,
// `data.admin.editors`. Top-level await, history kept between sessions. --eval runs the code once,
// prints its value as JSON and exits: for scripts. On the embedded database it is a client of a
// running server, or owns the database itself while nothing else runs.
import { readdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import repl from 'node:repl'
import { ROOT } from '@/lib/server/bundle-path.mjs'
import { parseCommandLine, runCli, UsageError } from './run'

const USAGE = `npm run console -- [--eval '<code>']

A REPL with these loaded:
  db        the Prisma client            await db.idol.count()
  data.<m>  each module of lib/data      await data.outfits.getOutfitBySlug('back-stage')
            (data.admin.<m> for lib/data/admin)
  settings  the validated settings       settings().DATABASE_POOL_MAX
Top-level await works; history is kept in ~/.lookbook_console_history.
--eval '<code>' runs the code (statements, or one expression whose value is printed as JSON) and exits.`

const HISTORY = path.join(os.homedir(), '.lookbook_console_history')

type Namespace = Record<string, unknown>

/** Every module of a lib/data folder, by file name (`feed-runs.ts` → `feedRuns`). */
async function modulesOf(folder: string): Promise<Namespace> {
  const entries = await readdir(path.join(ROOT, folder), { withFileTypes: true })
  const loaded: Namespace = {}
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue
    const name = entry.name.slice(0, -3).replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase())
    loaded[name] = await import(path.join(ROOT, folder, entry.name))
  }
  return loaded
}

async function consoleContext(): Promise<Namespace> {
  const [{ prisma }, { settings }, data, admin] = await Promise.all([
    import('@/lib/db/client'),
    import('@/lib/env'),
    modulesOf('lib/data'),
    modulesOf('lib/data/admin'),
  ])
  return { db: prisma(), data: { ...data, admin }, settings }
}

/** The code as one expression when it is one (its value is printed), else as statements. */
function compile(code: string, names: string[]): (...values: unknown[]) => Promise<unknown> {
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<unknown>
  try {
    return new AsyncFunction(...names, `return (${code}\n)`)
  } catch {
    return new AsyncFunction(...names, code)
  }
}

async function evaluate(code: string, context: Namespace): Promise<void> {
  const names = Object.keys(context)
  let run
  try {
    run = compile(code, names)
  } catch (error) {
    throw new UsageError(`--eval: ${(error as Error).message}`)
  }
  const value = await run(...names.map((name) => context[name]))
  if (value !== undefined)
    console.log(JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2))
}

async function interactive(context: Namespace): Promise<void> {
  console.log(`Lookbook console. db, data and settings are loaded; .help for the REPL's commands, .exit to leave.`)
  const server = repl.start({ prompt: 'lookbook> ', useGlobal: false })
  Object.assign(server.context, context)
  await new Promise<void>((resolve) => server.setupHistory(HISTORY, () => resolve()))
  await new Promise<void>((resolve) => server.once('exit', () => resolve()))
}

void runCli('console', async () => {
  const args = parseCommandLine(
    { options: { eval: { type: 'string', short: 'e' }, help: { type: 'boolean', short: 'h' } } },
    USAGE,
  ).values
  if (args.help) return void console.log(USAGE)
  const context = await consoleContext()
  if (args.eval !== undefined) await evaluate(args.eval, context)
  else await interactive(context)
})
