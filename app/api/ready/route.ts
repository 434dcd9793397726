// Readiness, for load balancers and deploy checks: 200 when the database answers and holds every
// migration this code expects, 503 otherwise, within about two seconds either way (lib/data/health.ts).
// The shared KV is reported, not required. Problems go to the log, not to whoever asks: they can
// name hosts and users.
import { checkReadiness, type Check } from '@/lib/data/health'

export const dynamic = 'force-dynamic'

const LOG_EVERY_MS = 30_000
const logged = { at: 0, problems: '' }

export async function GET() {
  const ready = await checkReadiness()
  const problems = (['database', 'migrations', 'kv'] as const)
    .filter((name) => ready[name].problem)
    .map((name) => `${name}: ${ready[name].problem}`)
  // A balancer asks every few seconds: a problem is said when it first shows and then every 30 s
  // while it lasts, not at every ask.
  const said = problems.join('; ')
  if (said && (said !== logged.problems || Date.now() - logged.at > LOG_EVERY_MS)) {
    Object.assign(logged, { at: Date.now(), problems: said })
    console.warn(`Readiness check: ${said}`)
  }
  if (!said) logged.problems = ''
  const shown = ({ ok, ms }: Check) => ({ ok, ms })
  const body = {
    ok: ready.ok,
    database: { ...shown(ready.database), kind: ready.database.kind },
    migrations: { ...shown(ready.migrations), expected: ready.migrations.expected, pending: ready.migrations.pending },
    kv: { ...shown(ready.kv), driver: ready.kv.driver },
  }
  return Response.json(body, { status: ready.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
