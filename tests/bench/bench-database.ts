// The bench's own database with the demo campaign: the embedded PGlite in .test-data/bench (kept
// between runs: seeding draws images, about half a minute), or, with BENCH_DATABASE_URL, a database
// `lookbook_bench` dropped and created again on that server each run (never the one in the URL).
//
// On the embedded database this process stays its owner for the whole run, so the servers under
// test reach it over the local socket like a database on another machine: its CPU and memory are
// not counted as the server's (on Heroku, Postgres is an add-on, not part of the dyno).
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { prisma, disconnectPrisma } from '@/lib/db/client'
import { closeDatabasePool, databasePool } from '@/lib/db/pool'
import { releaseEmbeddedDatabase } from '@/lib/db/embedded/owner'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { sqlRunnerForPg } from '@/lib/db/sql-runner'
import { resetSettingsForTests } from '@/lib/env'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { adminQuery, ROOT, withDatabase } from '../support/test-env'

export const BENCH_DATABASE = 'lookbook_bench'

export type WriteCounts = { likes: number; comments: number; clicks: number }

export type BenchDatabase = {
  kind: 'embedded' | 'postgresql'
  dataDir: string
  /** What a server process needs to use this database and these media. */
  serverEnv: Record<string, string>
  countWrites: () => Promise<WriteCounts>
  close: () => Promise<void>
}

export async function prepareBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const dataDir = path.join(ROOT, '.test-data/bench')
  await mkdir(dataDir, { recursive: true })
  process.env.DATA_DIR = dataDir
  const adminUrl = process.env.BENCH_DATABASE_URL?.trim()
  if (adminUrl) {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`)
    await adminQuery(adminUrl, `CREATE DATABASE ${BENCH_DATABASE}`)
    process.env.DATABASE_URL = withDatabase(adminUrl, BENCH_DATABASE)
  } else {
    delete process.env.DATABASE_URL
  }
  resetSettingsForTests()

  if (adminUrl) {
    // PostgreSQL has no release phase here; the embedded database migrates itself when opened.
    const client = await databasePool().connect()
    try {
      await applyMigrations(sqlRunnerForPg(client), await readMigrations())
    } finally {
      client.release()
    }
  }
  if ((await prisma().idol.count()) === 0) {
    const started = Date.now()
    log('Writing the demo campaign into the bench database …')
    await seedDemoData(prisma(), mediaStorage())
    log(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }

  const databaseUrl = process.env.DATABASE_URL
  return {
    kind: databaseUrl ? 'postgresql' : 'embedded',
    dataDir,
    serverEnv: { DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    countWrites: async () => ({
      likes: await prisma().like.count(),
      comments: await prisma().comment.count(),
      clicks: (await prisma().clickOutCount.aggregate({ _sum: { count: true } }))._sum.count ?? 0,
    }),
    close: async () => {
      await disconnectPrisma()
      await closeDatabasePool()
      await releaseEmbeddedDatabase(dataDir)
    },
  }
}
