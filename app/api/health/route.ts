// For load balancers and uptime checks: answers 200 only when the database answers.
import { checkDatabase } from '@/lib/data/health'

export const dynamic = 'force-dynamic'

export async function GET() {
  const { ok, database, problem } = await checkDatabase()
  // The reason goes to the log, not to whoever asks: it can name hosts and users.
  if (!ok) console.error(`Health check: database unreachable: ${problem}`)
  return Response.json({ ok, database }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
