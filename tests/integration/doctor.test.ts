// npm run doctor as an operator runs it before a deploy, against real services: this file's own
// database (PostgreSQL or the embedded one, which this process owns), an S3 server with and without
// the CORS rule uploads need, Redis when it runs here, and a site at SITE_URL (a small HTTP server
// answering /api/health). Everything right: exit 0. Each thing wrong: named, with its fix, exit 1.
import http from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readMigrations } from '@/lib/db/migrations'
import { useFreshDatabase, withLastMigrationMissing } from '../support/database'
import { freePort } from '../support/next-server'
import { s3Environment, startS3Server, uploadCorsRule, type TestS3 } from '../support/s3-server'
import { runCommand } from '../support/cli'

const database = useFreshDatabase()
const doctor = (args: string[], env: Record<string, string>) =>
  runCommand('lib/cli/doctor.ts', args, { ...database.env(), ...env })
let site: http.Server
let siteUrl: string
let withCors: TestS3
let withoutCors: TestS3
let folder: string

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'lookbook-doctor-'))
  site = http.createServer((request, response) => {
    response.writeHead(request.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' })
    response.end('{"ok":true}')
  })
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`
  withCors = await startS3Server(path.join(folder, 'a'), 'lookbook-media', 0, [uploadCorsRule(siteUrl)])
  withoutCors = await startS3Server(path.join(folder, 'b'))
})

afterAll(async () => {
  site.close()
  await withCors.close()
  await withoutCors.close()
  await rm(folder, { recursive: true, force: true })
})

const redisHere = Boolean(process.env.CI) || process.env.REDIS_URL !== undefined

describe('npm run doctor', () => {
  it('passes a deploy that has everything it needs', { timeout: 60_000 }, async () => {
    const { status, out } = await doctor([], {
      SITE_URL: siteUrl,
      ...s3Environment(withCors),
      ...(redisHere ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {}),
    })
    expect(status, out).toBe(0)
    const migrations = await readMigrations()
    expect(out).toContain(`✓ migrations: all ${migrations.length} applied`)
    expect(out).toContain('✓ storage: S3 bucket lookbook-media: write, read and delete work')
    expect(out).toContain(`✓ uploads: the bucket lets browsers on ${siteUrl} upload`)
    expect(out).toContain(`✓ site: ${siteUrl} answers`)
    if (redisHere) expect(out).toContain('✓ kv: redis answers')
    expect(out).toMatch(/^Everything works/m)
  })

  it('names each problem with its fix, and exits 1', { timeout: 60_000 }, async () => {
    await withLastMigrationMissing(async (last) => {
      const nobody = `http://127.0.0.1:${await freePort()}`
      const { status, out } = await doctor(database.databaseUrl ? ['--instances', '10'] : [], {
        SITE_URL: nobody,
        ...s3Environment(withoutCors),
        REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
        DATABASE_POOL_MAX: '50',
      })
      expect(status).toBe(1)
      expect(out).toContain(`✗ migrations: not applied: ${last}`)
      expect(out).toContain('→ npm run db:migrate')
      expect(out).toMatch(/✗ kv: redis does not answer: .*\n\s+→ check REDIS_URL/)
      expect(out).toContain(`✗ uploads: the bucket refuses uploads from ${nobody}`)
      expect(out).toContain(`→ give the bucket a CORS rule allowing PUT from ${nobody}`)
      expect(out).toMatch(new RegExp(`✗ site: ${nobody.replace(/\./g, '\\.')} does not answer: .*ECONNREFUSED`))
      if (database.databaseUrl) {
        expect(out).toMatch(
          /✗ connections: 550 connections at most \(DATABASE_POOL_MAX 50 × \(1 worker\(s\) × 10 instance\(s\) \+ 1 more process\)\); the server allows \d+/,
        )
        expect(out).toMatch(/→ set DATABASE_POOL_MAX to \d+ or less/)
      }
      expect(out).toMatch(/^doctor: \d+ problem\(s\) to fix/m)
    })
  })

  it(
    'fails a production deploy whose SITE_URL is this machine, and warns about local media',
    { timeout: 60_000 },
    async () => {
      const { status, out } = await doctor([], {
        NODE_ENV: 'production',
        HASH_SALT: 'doctor-test-salt-0123456789',
        SERVER_ACTIONS_SECRET: 'doctor-test-server-actions-secret-0123456789',
        SITE_URL: 'http://localhost:3000',
      })
      expect(status).toBe(1)
      expect(out).toContain('✗ settings: SITE_URL is http://localhost:3000 in production')
      expect(out).toContain("! settings: media is stored on this machine's disk")
      expect(out).toContain("! kv: this process's memory: with several processes")
    },
  )
})
