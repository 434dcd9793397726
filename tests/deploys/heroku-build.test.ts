// A Heroku deploy as its Node.js buildpack makes it, from the committed tree (what a push sends)
// in a folder of its own (no node_modules, no build): `npm ci` with the devDependencies, `npm run build`
// with the app's config vars (DATABASE_URL included: Heroku exposes them to the build), the
// devDependencies pruned, then the Procfile's `release` and `web` commands through a shell, web
// on the $PORT it is given. What a pruned slug lacks, or a build that needs the database, fails here.
// One pass (PostgreSQL) is enough: it costs an install and a build.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../support/next-server'
import { adminQuery, ROOT, testDatabaseUrl, withDatabase } from '../support/test-env'
import { readProcfile } from '../support/procfile'

const adminUrl = testDatabaseUrl()
const databaseName = `lookbook_heroku_${process.pid}`
let slug = ''
/** Config vars as app.json and the add-ons set them (Redis left out: other tests cover it). */
let configVars: Record<string, string> = {}

/** The environment of a build step or dyno: the config vars over a bare PATH and HOME. */
function dynoEnv(more: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    NODE_ENV: 'production',
    ...configVars,
    ...more,
  }
}

/** A build step in the slug's folder, with the config vars; fails the test with its output. */
function step(command: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const result = spawnSync('sh', ['-c', command], {
    cwd: slug,
    env: dynoEnv(env),
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  })
  expect(result.status, `${command}\n${result.stdout.slice(-4_000)}\n${result.stderr.slice(-4_000)}`).toBe(0)
  return result
}

describe.runIf(adminUrl)('a Heroku build, as the Node.js buildpack makes it', () => {
  beforeAll(async () => {
    slug = await mkdtemp(path.join(os.tmpdir(), 'lookbook-slug-'))
    // What `git push heroku main` sends: the committed tree (changes not committed are not in it).
    const archive = spawnSync('git', ['archive', '--format=tar', 'HEAD'], { cwd: ROOT, maxBuffer: 1 << 30 })
    expect(archive.status, String(archive.stderr)).toBe(0)
    const unpacked = spawnSync('tar', ['-x', '-f', '-'], { cwd: slug, input: archive.stdout })
    expect(unpacked.status, String(unpacked.stderr)).toBe(0)

    await adminQuery(adminUrl!, `CREATE DATABASE ${databaseName}`)
    configVars = {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      HASH_SALT: 'heroku-build-test-salt-0123456789',
      SERVER_ACTIONS_SECRET: 'heroku-build-test-server-actions-secret-0123',
      SITE_URL: 'https://lookbook.example.com',
      DATABASE_URL: withDatabase(adminUrl!, databaseName),
      DATABASE_SSL: 'auto',
      DATABASE_POOL_MAX: '5',
      WEB_CONCURRENCY: '1',
      FRONT_CACHE_MB: '48',
      DATA_DIR: path.join(slug, '.data'),
    }
  }, 120_000)

  afterAll(async () => {
    if (adminUrl) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)
    if (slug) await rm(slug, { recursive: true, force: true })
  })

  it('installs, builds, prunes, releases and serves on $PORT', { timeout: 900_000 }, async () => {
    // The buildpack installs devDependencies for the build even with NODE_ENV=production, builds,
    // then prunes them from the slug.
    // The registry's metadata from npm's cache when it has it: CI's own npm ci has just filled it.
    step('npm ci --include=dev --prefer-offline --no-audit --no-fund')
    step('npm run build')
    step('npm prune --omit=dev --no-audit --no-fund')
    expect(existsSync(path.join(slug, 'node_modules/vitest'))).toBe(false)
    expect(existsSync(path.join(slug, 'node_modules/next'))).toBe(true)

    const { release, web } = readProcfile(slug)
    expect(step(release!).stdout).toMatch(/applied \d+, 0 already there/)

    const port = await freePort()
    const server = spawn('sh', ['-c', web!], {
      cwd: slug,
      env: dynoEnv({ PORT: String(port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // npm, the primary and its worker stop together
    })
    const output: string[] = []
    server.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    server.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    const base = `http://127.0.0.1:${port}`
    try {
      const deadline = Date.now() + 60_000
      while (
        (await fetch(`${base}/api/ready`).then(
          (answer) => answer.status,
          () => 0,
        )) !== 200
      ) {
        if (server.exitCode !== null) throw new Error(`web exited with ${server.exitCode}:\n${output.join('')}`)
        if (Date.now() > deadline) throw new Error(`web never became ready on ${port}:\n${output.join('')}`)
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      for (const page of ['/', '/outfits', '/products']) {
        const answer = await fetch(`${base}${page}`, { headers: { 'accept-encoding': 'gzip, br' } })
        expect(answer.status, page).toBe(200)
        expect(await answer.text()).toContain('</html>')
      }
      const offers = await fetch(`${base}/api/offers?sku=NOPE-1`)
      expect(offers.status).toBe(200)
      // Nothing the pruned slug lacks, nothing logged as an error.
      expect(output.join('')).not.toMatch(/Cannot find (module|package)|"level":"(error|fatal)"/)
    } finally {
      // A web process that already exited has no group left to signal, and no exit event to come.
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve))
        process.kill(-server.pid!, 'SIGTERM')
        await exited
      }
    }
  })
})
