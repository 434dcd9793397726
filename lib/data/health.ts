import 'server-only'
// Whether the database answers, for the health check: one trivial query on the pool.
import { databasePool, usesEmbeddedDatabase } from '@/lib/db/pool'

export type DatabaseHealth = { ok: boolean; database: 'embedded' | 'postgresql'; problem?: string }

export async function checkDatabase(): Promise<DatabaseHealth> {
  const database = usesEmbeddedDatabase() ? 'embedded' : 'postgresql'
  try {
    await databasePool().query('SELECT 1')
    return { ok: true, database }
  } catch (error) {
    return { ok: false, database, problem: (error as Error).message }
  }
}
