// For load balancers and uptime checks: answers 200 only when the database answers.
import { databasePool, usesEmbeddedDatabase } from '@/lib/db/pool'

export const dynamic = 'force-dynamic'

export async function GET() {
  const database = usesEmbeddedDatabase() ? 'embedded' : 'postgresql'
  try {
    await databasePool().query('SELECT 1')
    return Response.json({ ok: true, database }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    // The reason goes to the log, not to whoever asks: it can name hosts and users.
    console.error(`Health check: database unreachable: ${(error as Error).message}`)
    return Response.json({ ok: false, database }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
