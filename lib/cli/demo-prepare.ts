// The first half of `npm run demo`, in a process of its own: migrate, seed an empty database,
// build when the sources changed. Seeding draws hundreds of images and runs the embedded
// database in this process, which leaves it holding ~850 MB that the allocator never hands back:
// ending the process is what frees it (lib/cli/demo.ts then serves the site).
import path from 'node:path'
import { demoFeedFile, ensureDemoFeed } from '@/lib/data/demo-feed'
import { prisma } from '@/lib/db/client'
import { databasePool, usesEmbeddedDatabase } from '@/lib/db/pool'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { sqlRunnerForPg } from '@/lib/db/sql-runner'
import { settings } from '@/lib/env'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { runCli } from './run'
import { runChild } from './run-child'
import { buildIsCurrent } from './build-freshness'

const ROOT = process.cwd()
const nextBin = path.join(ROOT, 'node_modules/next/dist/bin/next')

async function prepare(): Promise<void> {
  const { DATA_DIR } = settings()
  console.log(
    usesEmbeddedDatabase()
      ? `Embedded database in ${DATA_DIR}/ (set DATABASE_URL to use PostgreSQL).`
      : 'Using DATABASE_URL.',
  )

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
    console.log(
      `Demo data: ${seeded.idols} idols, ${seeded.outfits} outfits, ${seeded.products} products, ${seeded.shots} shots, ${seeded.socials} socials.`,
    )
  } else {
    console.log('Demo data already there: reusing it.')
  }
  // The catalogue as the shop's feed would list it, for `npm run feed:simulate` to change and sync.
  if (await ensureDemoFeed())
    console.log(`The demo's product feed: ${demoFeedFile()} (npm run feed:simulate changes it and syncs).`)

  if (await buildIsCurrent(ROOT)) {
    console.log('The build is current: skipping `npm run build`.')
  } else {
    console.log('Building the site (npm run build) …')
    // With the demo's SERVER_ACTIONS_SECRET, which lib/cli/demo.ts chose before starting this process.
    const code = await runChild(process.execPath, [nextBin, 'build'])
    if (code !== 0) throw new Error(`next build failed with exit code ${code}`)
    const bundled = await runChild(process.execPath, [path.join(ROOT, 'lib/server/bundle.mjs')])
    if (bundled !== 0) throw new Error(`compiling the server entry failed with exit code ${bundled}`)
  }
}

// runCli closes the pool and hands the embedded database back, so the server can own it.
await runCli('demo', prepare)
