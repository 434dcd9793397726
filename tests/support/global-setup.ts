// Once per test run: build one migrated database to copy for each test file, because creating
// a database and applying migrations is the slow part (PGlite's initdb takes seconds).
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import type { TestProject } from 'vitest/node'
import { applyMigrations } from '@/lib/db/migrate'
import { readMigrations } from '@/lib/db/migrations'
import { sqlRunnerForPg, sqlRunnerForPglite } from '@/lib/db/sql-runner'
import { adminQuery, TEST_DATA, testDatabaseUrl, withDatabase } from './test-env'

export default async function setup(project: TestProject) {
  // Per tier as well as per run: the integration and e2e tiers each build their own template.
  const run = `${process.pid}_${project.name || 'all'}`
  const runDir = path.join(TEST_DATA, `run-${run}`)
  await mkdir(runDir, { recursive: true })
  project.provide('runDir', runDir)
  const migrations = await readMigrations()
  const adminUrl = testDatabaseUrl()

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
