// docs/deploy-server.md followed as written, on a scratch root: the guide's own blocks (found by
// their content) with only its placeholders filled in: PASSWORD and the `...` secrets, the ports,
// the domain (SITE_URL is the nginx under test), and /srv/lookbook and /etc/lookbook.env mapped
// into a folder under the system's temporary folder. It checks that the settings file means the
// same to systemd and to the shell, then builds the standalone folder, releases it, starts it as the
// unit says with nginx in front, and checks what visitors and the operator get through nginx.
// (It replaces the old standalone test: CI pays for one standalone build.)
//
// What cannot run here is stood in for:
// - apt-get (1): this machine's PostgreSQL, Redis and nginx, and the test's own Node 22. The unit's
//   /usr/bin/node is that Node, hard-linked into the scratch root where the service user reaches it.
// - createuser and createdb (2): a role with a password and a database it owns, made over
//   TEST_DATABASE_URL. adduser runs as written, for a user named lookbook-test, removed after.
// - git clone and npm ci (4): a copy of this work tree (uncommitted changes included, with the
//   Prisma client npm ci's postinstall generates) and node_modules hard-linked from it; `git
//   rev-parse` answers for this repository. The copy is at <scratch>/src, outside the mapped
//   /srv/lookbook, so that no chown of the guide's could reach the hard-linked node_modules.
// - systemctl (5): systemd does not run here. The test reads the unit's User=, WorkingDirectory=,
//   EnvironmentFile= and ExecStart= and runs that command as that user (setpriv), with the
//   variables systemd's own parser reads from the file. ProtectSystem=, PrivateTmp= and Restart=
//   are not applied; the curl and journalctl lines are the test's fetch and the server's output.
// - nginx (6): the guide's server block inside a minimal main configuration (workers as www-data,
//   as Debian's), on a free loopback port instead of 80; certbot and TLS are left out.
// - The demo content: `npm run db:seed -- --force` as the service user (a real site has its own).
//
// Runs in the PostgreSQL pass, as root. Without root, nginx, systemd's generator, setpriv, runuser,
// adduser or Redis it skips, except in CI, where it fails and says what is missing.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, chown, copyFile, link, mkdir, mkdtemp, readdir, readlink, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSettings } from '@/lib/env'
import {
  account,
  guideBlock,
  localized,
  removeServiceUser,
  runBash,
  runGuideBlock,
  serviceSettings,
  SERVICE_USER,
  SYSTEM_PATH,
  type Scratch,
} from '../support/deploy-guide'
import {
  envFileAsShellReadsIt,
  envFileAsSystemdReadsIt,
  exactEnv,
  systemdEnvGeneratorAvailable,
} from '../support/env-files'
import { commandLines } from '../support/markdown-blocks'
import {
  localRequest,
  nginxBinary,
  startNginx,
  tcpAnswers,
  type LocalRequest,
  type RunningNginx,
} from '../support/nginx'
import { freePort } from '../support/next-server'
import { adminQuery, testDatabaseUrl, withDatabase } from '../support/test-env'
import { copyWorkTree } from '../support/work-tree-copy'

/** Every file under `folder`, relative to it. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
}

async function poll<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await check()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`Waited in vain for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

function missingTools(redisAnswers: boolean): string[] {
  const missing: string[] = []
  if (process.getuid?.() !== 0) missing.push('root (the guide runs as root, the server as a user of its own)')
  if (!nginxBinary()) missing.push('nginx (apt-get install nginx-light)')
  if (!systemdEnvGeneratorAvailable()) missing.push("systemd's environment.d generator (apt-get install systemd)")
  for (const tool of ['setpriv', 'runuser', 'adduser', 'deluser', 'npm'])
    if (!SYSTEM_PATH.split(':').some((folder) => existsSync(path.join(folder, tool)))) missing.push(tool)
  if (!redisAnswers) missing.push('Redis at 127.0.0.1:6379, as the guide sets REDIS_URL')
  return missing
}

const adminUrl = testDatabaseUrl()
const missing = missingTools(await tcpAnswers(6379))
const skipHere = missing.length > 0 && !process.env.CI

describe.runIf(adminUrl && !skipHere)('docs/deploy-server.md, followed on a scratch root', () => {
  beforeAll(() => {
    if (missing.length) throw new Error(`CI must have what the deploy guide's test needs: ${missing.join('; ')}`)
  })

  describe('the settings file (3)', () => {
    const scratch: Scratch = {
      root: '/scratch',
      serverPort: 3000,
      nginxPort: 8080,
      databaseUrl: 'postgresql://guide:secret@127.0.0.1:5432/guide',
      hashSalt: randomBytes(32).toString('hex'),
      serverActionsSecret: randomBytes(32).toString('hex'),
      node: '/scratch/node',
    }

    it('is plain NAME=value lines: comments on their own, no quotes, no $', () => {
      const text = guideBlock.settings().text
      expect(text).not.toMatch(/["'$]/)
      for (const line of commandLines(guideBlock.settings())) expect(line).toMatch(/^[A-Z][A-Z0-9_]*=\S*$/)
    })

    it('means the same to systemd (EnvironmentFile=) and to the shell, and is valid', async () => {
      const folder = await mkdtemp(path.join(os.tmpdir(), 'lookbook-guide-env-'))
      try {
        const file = path.join(folder, 'lookbook.env')
        await writeFile(file, localized(guideBlock.settings().text, scratch))
        const systemd = await envFileAsSystemdReadsIt(file)
        expect(systemd).toEqual(envFileAsShellReadsIt(file))
        const settings = parseSettings(systemd)
        expect(settings).toMatchObject({ NODE_ENV: 'production', WEB_CONCURRENCY: 2, HOST: '127.0.0.1' })
        expect(settings.DATA_DIR).toBe('/scratch/srv/lookbook/data')
        expect(settings.HASH_SALT).toBe(scratch.hashSalt)
      } finally {
        await rm(folder, { recursive: true, force: true })
      }
    })
  })

  describe('deployed as the guide says, behind nginx', () => {
    const id = randomBytes(4).toString('hex')
    const databaseName = `lookbook_guide_${id}`
    let scratch: Scratch
    let release = ''
    let server: ChildProcess | undefined
    let serverExited: Promise<void> = Promise.resolve()
    let nginx: RunningNginx | undefined
    let userCreated = false
    let databaseCreated = false
    let serverFilesBefore: string[] = []
    const output: string[] = []
    const log = () => output.join('')
    const query = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => {
      const client = new pg.Client({ connectionString: scratch.databaseUrl })
      await client.connect()
      try {
        return (await client.query<T>(sql)).rows
      } finally {
        await client.end()
      }
    }

    beforeAll(async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'lbguide-'))
      // mkdtemp makes it private: the service user and nginx's workers go through it, as through /srv.
      await chmod(root, 0o755)
      const password = randomBytes(16).toString('hex')
      const database = new URL(withDatabase(adminUrl!, databaseName))
      database.username = databaseName
      database.password = password
      scratch = {
        root,
        serverPort: await freePort(),
        nginxPort: await freePort(),
        databaseUrl: database.toString(),
        hashSalt: randomBytes(32).toString('hex'),
        serverActionsSecret: randomBytes(32).toString('hex'),
        node: path.join(root, 'node/bin/node'),
      }
      await mkdir(path.join(root, 'tmp'))
      await chmod(path.join(root, 'tmp'), 0o1777) // as /tmp: the service user's commands write there too
      await mkdir(path.dirname(scratch.node), { recursive: true })
      await link(process.execPath, scratch.node).catch(() => copyFile(process.execPath, scratch.node))

      // 2. Database and user.
      await adminQuery(adminUrl!, `CREATE ROLE ${databaseName} LOGIN PASSWORD '${password}'`)
      databaseCreated = true
      await adminQuery(adminUrl!, `CREATE DATABASE ${databaseName} OWNER ${databaseName}`)
      removeServiceUser() // left by a run that was killed
      await mkdir(path.join(root, 'srv'))
      const accounts = await runGuideBlock(
        guideBlock.accounts(),
        ['sudo -u postgres createuser', 'sudo -u postgres createdb'],
        root,
        scratch,
      )
      expect(accounts.status, accounts.out).toBe(0)
      userCreated = true
      const user = account(SERVICE_USER)!

      // 3. Settings, readable by root and the service only.
      const envFile = path.join(root, 'etc/lookbook.env')
      await mkdir(path.dirname(envFile))
      await writeFile(envFile, localized(guideBlock.settings().text, scratch), { mode: 0o640 })
      await chown(envFile, 0, user.gid)

      // 4. Build and release.
      const src = path.join(root, 'src')
      await copyWorkTree(src)
      const built = await runGuideBlock(guideBlock.build(), ['git clone ', 'npm ci'], src, scratch, 900_000)
      expect(built.status, built.out.slice(-10_000)).toBe(0)
      expect(built.out).toMatch(/Standalone build: \.next\/standalone\/ \(\d+ MB/)
      expect(built.out).toMatch(/applied \d+, 0 already there/)
      const released = await runGuideBlock(guideBlock.release(), [], src, scratch)
      expect(released.status, released.out).toBe(0)
      release = await readlink(path.join(root, 'srv/lookbook/current'))
      serverFilesBefore = await filesUnder(path.join(release, '.next/server'))

      // 5. systemd: the data folder, then the content (the test's), then the service as the unit says.
      const start = guideBlock.start()
      const standIns = ['systemctl ', 'curl ', 'journalctl ']
      const prepared = await runGuideBlock(start, standIns, root, scratch)
      expect(prepared.status, prepared.out).toBe(0)
      const seeded = await runBash(
        `set -a; . ${envFile}; set +a\nrunuser -u ${SERVICE_USER} -- npm run db:seed -- --force`,
        src,
        scratch,
        180_000,
      )
      expect(seeded.status, seeded.out).toBe(0)
      const unit = serviceSettings(localized(guideBlock.unit().text, scratch))
      const env = await envFileAsSystemdReadsIt(unit.EnvironmentFile!)
      const [program, ...args] = unit.ExecStart!.split(/\s+/)
      const service = spawn(
        'setpriv',
        ['--reuid', unit.User!, '--regid', unit.User!, '--init-groups', '--', program!, ...args],
        {
          cwd: unit.WorkingDirectory,
          // What systemd gives a service with User=, and the file's variables.
          env: exactEnv({
            PATH: SYSTEM_PATH,
            HOME: user.home,
            USER: unit.User!,
            LOGNAME: unit.User!,
            SHELL: user.shell,
            ...env,
          }),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      server = service
      serverExited = new Promise((resolve) => service.once('exit', () => resolve()))
      service.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()))
      service.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
      const curl = commandLines(start).find((line) => line.startsWith('curl '))!
      const ready = `http://${localized(curl, scratch).split(/\s+/)[2]}`
      const answer = await poll(
        'the server to be ready',
        async () => {
          if (server!.exitCode !== null) throw new Error(`The server exited:\n${log()}`)
          const response = await fetch(ready).catch(() => undefined)
          return response?.status === 200 ? ((await response.json()) as { ok: boolean }) : undefined
        },
        60_000,
      )
      expect(answer.ok).toBe(true)

      // 6. nginx in front.
      nginx = await startNginx(path.join(root, 'nginx'), localized(guideBlock.nginx().text, scratch), scratch.nginxPort)
    }, 1_200_000)

    afterAll(async () => {
      await nginx?.stop()
      if (server && server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM')
        const stopped = await Promise.race([
          serverExited.then(() => true),
          new Promise((r) => setTimeout(() => r(false), 40_000)),
        ])
        if (!stopped) server.kill('SIGKILL')
        await serverExited
      }
      if (databaseCreated) {
        await adminQuery(adminUrl!, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)
        await adminQuery(adminUrl!, `DROP ROLE IF EXISTS ${databaseName}`)
      }
      if (scratch?.root) await rm(scratch.root, { recursive: true, force: true })
      if (userCreated) removeServiceUser()
    }, 60_000)

    /** A request through nginx. Every answer has at most one Cache-Control header. */
    async function viaNginx(pathname: string, options: LocalRequest = {}) {
      const answer = await localRequest(scratch.nginxPort, pathname, options)
      const cacheControls = answer.headerValues('cache-control')
      if (cacheControls.length > 1)
        throw new Error(`${pathname} has ${cacheControls.length} Cache-Control headers: ${cacheControls.join(' | ')}`)
      return { ...answer, cacheControls }
    }

    const json = { 'content-type': 'application/json' }

    it('released the runtime only, owned by the service user', async () => {
      const packages = await readdir(path.join(release, 'node_modules'))
      expect(packages).toContain('next')
      for (const tool of ['vitest', 'typescript', 'eslint', 'playwright-core', 'lighthouse', 'tsx'])
        expect(packages, tool).not.toContain(tool)
      const owner = (await stat(path.join(release, '.next/server'))).uid
      expect(owner, 'the release belongs to the service user: Next writes into its .next/').toBe(
        account(SERVICE_USER)!.uid,
      )
    })

    it('serves pages, assets, media and live answers through nginx', { timeout: 120_000 }, async () => {
      const [outfit] = await query<{ slug: string; title: string }>(
        `SELECT slug, title FROM "Outfit" WHERE published AND ("publishedAt" IS NULL OR "publishedAt" <= now()) ORDER BY slug LIMIT 1`,
      )
      const landing = await viaNginx('/')
      expect(landing.status, log().slice(-5_000)).toBe(200)
      expect(landing.headers['content-type']).toMatch(/^text\/html/)
      const page = await viaNginx(`/outfits/${outfit!.slug}`)
      expect(page.status).toBe(200)
      expect(page.body).toContain(outfit!.title)

      // Built assets: from the release's folder by nginx itself, compressed, cached for a year, once.
      const asset = /\/_next\/static\/[^"?]+\.js/.exec(landing.body)?.[0]
      expect(asset).toBeDefined()
      const script = await viaNginx(asset!, { headers: { 'accept-encoding': 'gzip' } })
      expect(script.status).toBe(200)
      expect(script.cacheControls).toEqual(['public, max-age=31536000, immutable'])
      expect(script.headers['content-encoding']).toBe('gzip')

      // Media, from DATA_DIR through the server: the original and the sizes the pages name, made
      // when the image was stored (never resized on a request), each cached for a year.
      const sized = /\/media\/[0-9a-f]{2}\/[0-9a-f]{32}-w(\d+)\.avif/.exec(`${landing.body}${page.body}`)
      expect(sized).not.toBeNull()
      const original = /<img [^>]*src="(\/media\/[^"]+)"/.exec(`${landing.body}${page.body}`)?.[1]
      expect(original).toBeDefined()
      for (const [media, type] of [
        [original!, /^image\/(jpeg|png|webp|avif)$/],
        [sized![0], /^image\/avif$/],
      ] as const) {
        const answer = await viaNginx(media)
        expect(answer.status, media).toBe(200)
        expect(answer.headers['content-type']).toMatch(type)
        expect(answer.cacheControls[0]).toMatch(/immutable/)
      }
      expect(`${landing.body}${page.body}`).not.toContain('/_next/image')

      const [product] = await query<{ sku: string }>(`SELECT sku FROM "Product" WHERE active ORDER BY sku LIMIT 1`)
      const offers = await viaNginx(`/api/offers?sku=${product!.sku}`)
      expect(offers.status).toBe(200)
      expect((JSON.parse(offers.body) as { offers: { sku: string }[] }).offers[0]).toMatchObject({ sku: product!.sku })
      expect((await viaNginx('/api/health')).status).toBe(200)

      const likes = await viaNginx(`/api/likes?type=outfit&slug=${outfit!.slug}`)
      expect(likes.status, likes.body).toBe(200)
      const before = (JSON.parse(likes.body) as { count: number }).count
      const like = await viaNginx('/api/likes', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ type: 'outfit', slug: outfit!.slug, liked: true }),
      })
      expect(like.status, like.body).toBe(200)
      expect(JSON.parse(like.body)).toEqual({ liked: true, count: before + 1 })
      expect(like.headers['set-cookie']?.[0]).toMatch(/^lb_visitor=/)

      // The server's log is the structured one: a JSON line per request.
      await poll('the request log line', async () =>
        /"route":"\/outfits\/\[slug\]".*"msg":"request"/.test(log()) ? true : undefined,
      )
    })

    it('writes the pages it renders into the release, and nothing is refused', { timeout: 60_000 }, async () => {
      expect((await viaNginx('/')).status).toBe(200)
      const uid = account(SERVICE_USER)!.uid
      const serverDir = path.join(release, '.next/server')
      const rendered = await poll('rendered pages on disk', async () => {
        const added = (await filesUnder(serverDir)).filter(
          (file) => !serverFilesBefore.includes(file) && file.endsWith('.html'),
        )
        return added.length > 0 ? added : undefined
      }).catch(() => [])
      // A release the service cannot write to says so on every render: show that line first.
      expect(/^.*(EACCES|EPERM|EROFS).*$/m.exec(log())?.[0]).toBeUndefined()
      expect(rendered, 'pages rendered into the release, under .next/server').not.toEqual([])
      for (const file of rendered) expect((await stat(path.join(serverDir, file))).uid, file).toBe(uid)
    })

    it('limits comments per client address, whatever X-Forwarded-For a client sends', { timeout: 60_000 }, async () => {
      const [outfit] = await query<{ slug: string }>(
        `SELECT slug FROM "Outfit" WHERE published ORDER BY slug DESC LIMIT 1`,
      )
      // No cookie: each post is a new visitor, so only the per-address limit (20 in ten minutes) applies.
      const statuses: number[] = []
      for (let i = 1; i <= 30; i++) {
        const posted = await viaNginx('/api/comments', {
          method: 'POST',
          headers: { ...json, 'x-forwarded-for': `198.51.100.${i}` },
          body: JSON.stringify({
            type: 'outfit',
            slug: outfit!.slug,
            authorName: 'Guide test',
            body: `Comment ${i} through nginx`,
          }),
        })
        statuses.push(posted.status)
      }
      expect(statuses[0]).toBe(201)
      expect(statuses, 'nginx appends the address it saw; the server must count that one').toContain(429)
      expect(statuses.slice(statuses.indexOf(429)).every((status) => status === 429)).toBe(true)
    })

    it(
      "the doctor, run as the guide says, finds nothing wrong but this test's address",
      { timeout: 120_000 },
      async () => {
        const doctor = await runGuideBlock(guideBlock.doctor(), [], scratch.root, scratch)
        const findings = doctor.out.split('\n').filter((line) => /^[✓!✗] /.test(line))
        expect(
          findings.map((line) => line.slice(0, line.indexOf(':'))),
          doctor.out,
        ).toEqual(
          expect.arrayContaining([
            '✓ node',
            '✓ database',
            '✓ migrations',
            '✓ connections',
            '✓ kv',
            '✓ storage',
            '✓ site',
          ]),
        )
        // SITE_URL is this test's loopback nginx, which the doctor rightly calls wrong for production.
        const failed = findings.filter((line) => line.startsWith('✗'))
        expect(failed, doctor.out).toEqual([
          expect.stringMatching(/^✗ settings: SITE_URL is http:\/\/127\.0\.0\.1:\d+ in production/),
        ])
        expect(doctor.status).toBe(1)
        // Its storage probe (under uploads/, which nothing else here writes) ran as the service user.
        const uploads = path.join(scratch.root, 'srv/lookbook/data/storage/uploads')
        expect((await stat(uploads)).uid).toBe(account(SERVICE_USER)!.uid)
      },
    )

    it('stops within TimeoutStopSec of SIGTERM', { timeout: 60_000 }, async () => {
      const unit = serviceSettings(localized(guideBlock.unit().text, scratch))
      const started = Date.now()
      server!.kill('SIGTERM')
      await serverExited
      expect(Date.now() - started).toBeLessThan(Number(unit.TimeoutStopSec) * 1000)
      expect(server!.exitCode).toBe(0)
    })
  })
})
