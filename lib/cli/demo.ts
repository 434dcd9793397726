// npm run demo — the whole site with demo data on this machine, no database server, no cloud:
// migrate, seed an empty database, build when the sources changed, then `next start`.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { prisma } from '@/lib/db/client'
import { databasePool, usesEmbeddedDatabase } from '@/lib/db/pool'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { sqlRunnerForPg } from '@/lib/db/sql-runner'
import { settings } from '@/lib/env'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { runCli } from './run'
import { buildIsCurrent } from './build-freshness'

const ROOT = process.cwd()

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env })
    const forward = (signal: NodeJS.Signals) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve(code ?? (signal ? 0 : 1))
    })
  })
}

const nextBin = path.join(ROOT, 'node_modules/next/dist/bin/next')
async function prepare(): Promise<void> {
  const { DATA_DIR } = settings()
  console.log(usesEmbeddedDatabase() ? `Embedded database in ${DATA_DIR}/ (set DATABASE_URL to use PostgreSQL).` : 'Using DATABASE_URL.')

  const client = await databasePool().connect()
  try {
    const report = await applyMigrations(sqlRunnerForPg(client), await readMigrations())
    if (report.applied.length > 0) console.log(`Applied migrations: ${report.applied.join(', ')}`)
  } finally {
    client.release()
  }

  if ((await prisma().idol.count()) === 0) {
    console.log('Empty database: writing the demo campaign (about half a minute) …')
    const seeded = await seedDemoData(prisma(), mediaStorage())
    console.log(`Demo data: ${seeded.idols} idols, ${seeded.outfits} outfits, ${seeded.products} products, ${seeded.shots} shots, ${seeded.socials} socials.`)
  } else {
    console.log('Demo data already there: reusing it.')
  }

  if (await buildIsCurrent(ROOT)) {
    console.log('The build is current: skipping `next build`.')
  } else {
    console.log('Building the site (next build) …')
    const code = await run(process.execPath, [nextBin, 'build'])
    if (code !== 0) throw new Error(`next build failed with exit code ${code}`)
  }
}

const prepared = await runCli('demo', prepare, { exit: false })
if (prepared !== 0) process.exit(prepared)

// `next start` runs in production mode, which requires HASH_SALT; the demo keeps one of its own
// beside its data, so visitors' hashed addresses stay comparable from one run to the next.
async function demoHashSalt(): Promise<string> {
  const file = path.join(settings().DATA_DIR, '.hash-salt')
  const existing = await readFile(file, 'utf8').catch(() => '')
  if (existing.trim().length >= 16) return existing.trim()
  const salt = randomBytes(32).toString('hex')
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, salt, { mode: 0o600 })
  return salt
}

// runCli has closed the pool and handed the embedded database back: `next start` owns it now.
const port = process.env.PORT ?? '3000'
console.log(`Starting Lookbook on http://localhost:${port} (Ctrl-C stops it).`)
process.exit(await run(process.execPath, [nextBin, 'start', '-p', port], { ...process.env, HASH_SALT: process.env.HASH_SALT || (await demoHashSalt()) }))
