// Liveness, for uptime checks and a platform's restart rule: 200 while this process answers. It
// asks nothing else on purpose: a database outage must not get healthy processes restarted. Whether
// the instance can serve (database, migrations, KV) is GET /api/ready.
export const dynamic = 'force-dynamic'

export function GET() {
  return Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } })
}
