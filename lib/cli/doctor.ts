// npm run doctor -- [--instances N]
// Checks what a deploy needs, as the app itself would use it, and prints each problem with its fix:
// the settings, Node, the database (answers, fully migrated, enough connections for every process),
// the shared KV, the media storage (write, read, delete, and a browser's upload from SITE_URL), and
// SITE_URL itself. Exits 1 when anything failed; warnings (it works, but not as it should in
// production) do not fail it.
import { parseArgs } from 'node:util'
import { checkReadiness, type Readiness } from '@/lib/data/health'
import { databasePool, usesEmbeddedDatabase } from '@/lib/db/pool'
import { settings } from '@/lib/env'
import { FIX } from '@/lib/kv/redis-client.js'
import { mediaStorage } from '@/lib/storage'
import { uploadKey } from '@/lib/storage/keys'
import { fetchFailureReason } from '@/lib/network-errors'
import { withTimeout } from '@/lib/timeout'
import { runCli, UsageError } from './run'

const USAGE = `npm run doctor -- [--instances N]

Checks the settings, Node, the database, the shared KV, the media storage and SITE_URL, and prints
each problem with what to do. --instances: how many servers (dynos) share the database, for the
connection count (1 unless said). Exits 1 when a check failed.`

type Finding = { check: string; level: 'ok' | 'warn' | 'fail'; said: string; fix?: string }

const TIMEOUT_MS = 5_000
const NO_ANSWER = `no answer within ${TIMEOUT_MS / 1000} s`

function nodeFinding(): Finding {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number]
  const said = `Node ${process.versions.node}`
  if (major > 22 || (major === 22 && minor >= 12)) return { check: 'node', level: 'ok', said }
  if (major === 20 && minor >= 19)
    return {
      check: 'node',
      level: 'warn',
      said: `${said}: works, but the AWS SDK stops supporting Node 20 in January 2027`,
      fix: 'move to Node 22 LTS (engines in package.json; Heroku reads it)',
    }
  return { check: 'node', level: 'fail', said: `${said} is not supported`, fix: 'use Node 22 LTS' }
}

function productionSettingsFindings(): Finding[] {
  const config = settings()
  if (config.NODE_ENV !== 'production') return [{ check: 'settings', level: 'ok', said: `valid (${config.NODE_ENV})` }]
  const findings: Finding[] = [{ check: 'settings', level: 'ok', said: 'valid (production)' }]
  if (/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(config.SITE_URL))
    findings.push({
      check: 'settings',
      level: 'fail',
      said: `SITE_URL is ${config.SITE_URL} in production: links, previews and the sitemap would point there`,
      fix: 'set SITE_URL to the public address, e.g. https://lookbook.example.com',
    })
  if (!config.S3_BUCKET)
    findings.push({
      check: 'settings',
      level: 'warn',
      said: `media is stored on this machine's disk (${config.DATA_DIR}/): Heroku's dyno disks are emptied at every restart`,
      fix: 'set S3_BUCKET and the other S3_* settings',
    })
  return findings
}

async function databaseFindings(ready: Readiness, instances: number): Promise<Finding[]> {
  const kind = ready.database.kind === 'embedded' ? `the embedded database in ${settings().DATA_DIR}/` : 'PostgreSQL'
  if (!ready.database.ok)
    return [
      {
        check: 'database',
        level: 'fail',
        said: `${kind} does not answer: ${ready.database.problem}`,
        fix: usesEmbeddedDatabase()
          ? 'check DATA_DIR (a writable folder), or set DATABASE_URL'
          : 'check DATABASE_URL (host, port, user, password, database) and DATABASE_SSL',
      },
    ]
  const findings: Finding[] = [{ check: 'database', level: 'ok', said: `${kind} answers in ${ready.database.ms} ms` }]
  findings.push(
    ready.migrations.ok
      ? { check: 'migrations', level: 'ok', said: `all ${ready.migrations.expected} applied` }
      : {
          check: 'migrations',
          level: 'fail',
          said: ready.migrations.pending?.length
            ? `not applied: ${ready.migrations.pending.join(', ')}`
            : `cannot be read: ${ready.migrations.problem}`,
          fix: 'npm run db:migrate (on Heroku the release phase runs it at every deploy)',
        },
  )
  if (!usesEmbeddedDatabase()) findings.push(await connectionsFinding(instances))
  return findings
}

/** Every process's pool at its fullest, against what the server allows ordinary users. */
async function connectionsFinding(instances: number): Promise<Finding> {
  const { DATABASE_POOL_MAX, WEB_CONCURRENCY } = settings()
  const { rows } = await databasePool().query<{ max: string; reserved: string }>(
    `SELECT current_setting('max_connections') AS max, current_setting('superuser_reserved_connections') AS reserved`,
  )
  const allowed = Number(rows[0]!.max) - Number(rows[0]!.reserved)
  const workers = WEB_CONCURRENCY ?? 1
  // Each server's workers, plus one process beside them (the feed worker, a release, this console).
  const needed = DATABASE_POOL_MAX * (workers * instances + 1)
  const said = `${needed} connections at most (DATABASE_POOL_MAX ${DATABASE_POOL_MAX} × (${workers} worker(s) × ${instances} instance(s) + 1 more process)); the server allows ${allowed}`
  if (needed <= allowed) return { check: 'connections', level: 'ok', said }
  const fitting = Math.max(1, Math.floor(allowed / (workers * instances + 1)))
  return {
    check: 'connections',
    level: 'fail',
    said,
    fix: `set DATABASE_POOL_MAX to ${fitting} or less, or use a database plan that allows more connections`,
  }
}

/** The KV as the readiness check found it (pinged past its local fallback). */
function kvFinding(kv: Readiness['kv']): Finding {
  const production = settings().NODE_ENV === 'production'
  if (kv.driver === 'memory')
    return production
      ? {
          check: 'kv',
          level: 'warn',
          said: "this process's memory: with several processes, rate limits and cache invalidations are per process",
          fix: 'set REDIS_URL (Heroku Redis) or KV_REST_API_URL and KV_REST_API_TOKEN (Upstash)',
        }
      : { check: 'kv', level: 'ok', said: "this process's memory (one process)" }
  if (kv.ok) return { check: 'kv', level: 'ok', said: `${kv.driver} answers` }
  // The Redis KV names the setting to change when the error points at one (TLS above all).
  const [problem, namedFix] = (kv.problem ?? '').split(` ${FIX} `)
  return {
    check: 'kv',
    level: 'fail',
    said: `${kv.driver} does not answer: ${problem}`,
    fix:
      namedFix ??
      (kv.driver === 'redis'
        ? 'check REDIS_URL (host, port, password) and that Redis runs'
        : 'check KV_REST_API_URL and KV_REST_API_TOKEN'),
  }
}

async function storageFindings(): Promise<Finding[]> {
  const storage = mediaStorage()
  const key = uploadKey() // under uploads/: a probe left behind is swept like an abandoned upload
  const body = Buffer.from(`lookbook doctor ${new Date().toISOString()}`)
  const where = storage.driver === 's3' ? `S3 bucket ${settings().S3_BUCKET}` : `the disk (${settings().DATA_DIR}/)`
  try {
    await withTimeout(storage.put(key, body, 'text/plain'), TIMEOUT_MS, NO_ANSWER)
    const read = await withTimeout(storage.get(key), TIMEOUT_MS, NO_ANSWER)
    if (!read?.body.equals(body)) throw new Error('what was read back differs from what was written')
    await withTimeout(storage.delete(key), TIMEOUT_MS, NO_ANSWER)
  } catch (error) {
    return [
      {
        check: 'storage',
        level: 'fail',
        said: `${where}: writing, reading and deleting a test object failed: ${(error as Error).message}`,
        fix:
          storage.driver === 's3'
            ? 'check S3_BUCKET, S3_REGION, S3_ENDPOINT and that the key may put, get and delete objects'
            : 'check that DATA_DIR is a writable folder with room',
      },
    ]
  }
  const findings: Finding[] = [{ check: 'storage', level: 'ok', said: `${where}: write, read and delete work` }]
  if (storage.driver === 's3') findings.push(await uploadCorsFinding(key))
  return findings
}

/** Editors' browsers PUT uploads straight to the bucket from SITE_URL: ask as such a browser asks first. */
async function uploadCorsFinding(key: string): Promise<Finding> {
  const origin = new URL(settings().SITE_URL).origin
  const signed = await mediaStorage().presignUpload(key, 1, 60)
  const fix = `give the bucket a CORS rule allowing PUT from ${origin} (see the README's uploads section)`
  try {
    const answer = await fetch(signed!.url, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    const allowed = answer.headers.get('access-control-allow-origin')
    if (answer.ok && (allowed === origin || allowed === '*'))
      return { check: 'uploads', level: 'ok', said: `the bucket lets browsers on ${origin} upload` }
    return {
      check: 'uploads',
      level: 'fail',
      said: `the bucket refuses uploads from ${origin} (CORS: ${answer.status})`,
      fix,
    }
  } catch (error) {
    return {
      check: 'uploads',
      level: 'fail',
      said: `the bucket's CORS could not be asked: ${(error as Error).message}`,
      fix,
    }
  }
}

async function siteUrlFinding(): Promise<Finding> {
  const address = new URL('/api/health', settings().SITE_URL)
  try {
    const answer = await fetch(address, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' })
    if (answer.status === 200) return { check: 'site', level: 'ok', said: `${settings().SITE_URL} answers` }
    return {
      check: 'site',
      level: 'fail',
      said: `${address.href} answered ${answer.status}`,
      fix: 'set SITE_URL to the address this site is served at',
    }
  } catch (error) {
    const reason = fetchFailureReason(error, TIMEOUT_MS)
    return {
      check: 'site',
      level: 'fail',
      said: `${settings().SITE_URL} does not answer: ${reason}`,
      fix: 'start the site, or set SITE_URL to the address it is served at',
    }
  }
}

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const

void runCli('doctor', async () => {
  let args
  try {
    args = parseArgs({ options: { instances: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`)
  }
  if (args.help) return void console.log(USAGE)
  const instances = Number(args.instances ?? 1)
  if (!Number.isInteger(instances) || instances < 1 || instances > 1000)
    throw new UsageError('--instances is a whole number from 1 to 1000')

  const ready = await checkReadiness()
  const findings = [
    ...productionSettingsFindings(),
    nodeFinding(),
    ...(await databaseFindings(ready, instances)),
    kvFinding(ready.kv),
    ...(await storageFindings()),
    await siteUrlFinding(),
  ]
  for (const finding of findings) {
    console.log(`${MARK[finding.level]} ${finding.check}: ${finding.said}`)
    if (finding.fix && finding.level !== 'ok') console.log(`    → ${finding.fix}`)
  }
  const failed = findings.filter((finding) => finding.level === 'fail').length
  const warned = findings.filter((finding) => finding.level === 'warn').length
  if (failed > 0) throw new UsageError(`${failed} problem(s) to fix${warned ? `, ${warned} warning(s)` : ''}.`)
  console.log(warned ? `Everything works; ${warned} warning(s).` : 'Everything works.')
})
