// Once per test run: build one migrated database to copy for each test file, because creating
// a database and applying migrations is the slow part (PGlite's initdb takes seconds).
import { mkdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import type { TestProject } from 'vitest/node'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { sqlRunnerForPg, sqlRunnerForPglite } from '@/lib/db/sql-runner'
import { prepareDemoImageSizes } from '@/prisma/seed'
import { adminQuery, TEST_DATA, testDatabaseUrl, withDatabase } from './test-env'

export default async function setup(project: TestProject) {
  // Per tier as well as per run: the integration and e2e tiers each build their own template.
  const run = `${process.pid}_${project.name || 'all'}`
  const runDir = path.join(TEST_DATA, `run-${run}`)
  await mkdir(runDir, { recursive: true })
  project.provide('runDir', runDir)
  const migrations = await readMigrations()
  const adminUrl = testDatabaseUrl()
  await demoImageSizesOnce(path.join(runDir, 'demo-images'))

  if (adminUrl) {
    const template = `lookbook_template_${run}`
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template}`)
    await adminQuery(adminUrl, `CREATE DATABASE ${template}`)
    const client = new pg.Client({ connectionString: withDatabase(adminUrl, template) })
    await client.connect()
    await applyMigrations(sqlRunnerForPg(client), migrations)
    await client.end()
    project.provide('databaseTemplate', template)
    return async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template}`)
      await rm(runDir, { recursive: true, force: true })
    }
  }

  const templateDir = path.join(runDir, 'template')
  await mkdir(templateDir, { recursive: true })
  const db = await PGlite.create(path.join(templateDir, 'pglite'))
  await applyMigrations(sqlRunnerForPglite(db), migrations)
  await db.close()
  project.provide('databaseTemplate', templateDir)
  return async () => {
    await rm(runDir, { recursive: true, force: true })
  }
}

/**
 * The demo's image sizes, made into their cache before test files seed in parallel: on a fresh
 * clone each would make the same 2,800 sizes at once. The tiers' setups take turns (a folder as
 * the lock); after the first, the cache makes it a few seconds.
 */
async function demoImageSizesOnce(scratch: string): Promise<void> {
  const lock = path.join(TEST_DATA, 'demo-image-sizes.lock')
  await mkdir(TEST_DATA, { recursive: true })
  for (let waited = 0; ; waited += 500) {
    try {
      await mkdir(lock)
      break
    } catch {
      // Left by a run that was stopped halfway: making the sizes never takes this long.
      const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? Date.now())
      if (age > 600_000 || waited > 600_000) await rm(lock, { recursive: true, force: true })
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  try {
    await prepareDemoImageSizes(scratch)
  } finally {
    await rm(lock, { recursive: true, force: true })
  }
}
