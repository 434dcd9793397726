// The smallest interface the migration applier and test helpers need: run SQL text (several
// statements at once) and run one parameterised query. Implemented over a node-postgres client
// (PostgreSQL or the embedded database's socket) and over an in-process PGlite.
import type pg from 'pg'
import type { PGlite } from '@electric-sql/pglite'

export type SqlRunner = {
  /** Runs a script of one or more statements (simple query protocol). */
  exec(sql: string): Promise<void>
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>
}

export function sqlRunnerForPg(client: pg.ClientBase): SqlRunner {
  return {
    exec: async (sql) => {
      await client.query(sql)
    },
    query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows as Row[],
  }
}

export function sqlRunnerForPglite(db: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await db.exec(sql)
    },
    query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await db.query<Row>(sql, params)).rows,
  }
}
