// Where the tests keep their databases and files, and which database server they use.
import path from 'node:path'
import pg from 'pg'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const TEST_DATA = path.join(ROOT, '.test-data')

/** A PostgreSQL URL with the right to CREATE DATABASE, or undefined to test on embedded PGlite. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim()
  return url ? url : undefined
}

/** The URL of another database on the same server as `url`. */
export function withDatabase(url: string, database: string): string {
  const next = new URL(url)
  next.pathname = `/${database}`
  return next.toString()
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: name of a migrated template database. Embedded: folder of a migrated PGlite. */
    databaseTemplate: string
    runDir: string
  }
}

/** One statement on a PostgreSQL server's admin connection (CREATE / DROP DATABASE). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
