// npm run demo — the whole site with demo data on this machine, no database server, no cloud:
// choose the demo's secrets, prepare (migrate, seed an empty database, build when the sources
// changed) in a child process, then serve with the production server (`npm start`'s entry,
// lib/server/start.mjs). This process only waits: it loads nothing but the settings, so it stays
// small (see ./demo-prepare.ts).
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { settingsOrExit } from '@/lib/env'
import { runChild } from './run-child'

const ROOT = process.cwd()

const { DATA_DIR } = settingsOrExit()

// The server runs in production mode, which requires HASH_SALT and SERVER_ACTIONS_SECRET; the demo
// keeps its own beside its data, so visitors' hashed addresses stay comparable and forms rendered
// by one run still post in the next.
async function demoSecret(name: string): Promise<string> {
  const file = path.join(DATA_DIR, name)
  const existing = await readFile(file, 'utf8').catch(() => '')
  if (existing.trim().length >= 32) return existing.trim()
  const secret = randomBytes(32).toString('hex')
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, secret, { mode: 0o600 })
  return secret
}

const port = process.env.PORT ?? '3000'
// Chosen before the build: it salts the server actions' ids with the key derived from
// SERVER_ACTIONS_SECRET (next.config.js), and warns when there is none.
const demoEnv = {
  ...process.env,
  PORT: port,
  HASH_SALT: process.env.HASH_SALT || (await demoSecret('.hash-salt')),
  SERVER_ACTIONS_SECRET: process.env.SERVER_ACTIONS_SECRET || (await demoSecret('.server-actions-secret')),
  // Links, share previews, the sitemap and the demo feed's images point where this demo answers.
  SITE_URL: process.env.SITE_URL || `http://localhost:${port}`,
}

// Same Node flags as this process (tsx's loader, the react-server condition) for the preparation.
const prepareArgs = [...process.execArgv, path.join(ROOT, 'lib/cli/demo-prepare.ts')]
const prepared = await runChild(process.execPath, prepareArgs, demoEnv)
if (prepared !== 0) process.exit(prepared)

console.log(`Starting Lookbook on http://localhost:${port} (Ctrl-C stops it).`)
const serverEnv = { ...demoEnv, NODE_ENV: 'production' as const }
process.exit(await runChild(process.execPath, [path.join(ROOT, 'lib/server/start.mjs')], serverEnv))
