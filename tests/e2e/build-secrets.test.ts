// No secret setting may reach what the build hands to browsers. A production build made with every
// secret setting given a value of its own (as on Heroku, where config vars are in the build's
// environment) is searched for those values, raw and in the encodings a bundler might write them in:
// the client bundles under static/, and the prerendered pages served to anyone as they are.
import { randomBytes } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serverActionsKey } from '@/lib/crypto/deploy-identity.js'
import { ensureProductionBuild, nextBuild, TEST_DIST_DIR, TEST_SERVER_ACTIONS_SECRET } from '../support/next-server'
import { ROOT, testDatabaseUrl } from '../support/test-env'

const DIST_DIR = '.next-test-secrets'
// One build is enough, and it does not need a database: it runs in the embedded pass only.
const runnable = !testDatabaseUrl()

const secret = (name: string) => `${name.toLowerCase()}-${randomBytes(12).toString('hex')}`
const SECRETS = {
  dbPassword: secret('db-password'),
  redisPassword: secret('redis-password'),
  HASH_SALT: secret('hash-salt'),
  KV_REST_API_TOKEN: secret('kv-token'),
  S3_ACCESS_KEY_ID: secret('s3-key-id'),
  S3_SECRET_ACCESS_KEY: secret('s3-secret'),
  // The test build's own (so the two builds can be compared below), and the key derived from it.
  SERVER_ACTIONS_SECRET: TEST_SERVER_ACTIONS_SECRET,
  serverActionsKey: serverActionsKey(TEST_SERVER_ACTIONS_SECRET),
}

/** Where to look: the files a browser can be sent as they are. */
async function publicFiles(): Promise<string[]> {
  const dist = path.join(ROOT, DIST_DIR)
  const under = async (folder: string, keep: (name: string) => boolean) =>
    (await readdir(path.join(dist, folder), { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && keep(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
  return [
    ...(await under('static', () => true)),
    ...(await under('server/app', (name) => /\.(html|rsc|body|txt|xml|json)$/.test(name))),
  ]
}

describe.runIf(runnable)('the build', () => {
  afterAll(async () => {
    await rm(path.join(ROOT, DIST_DIR), { recursive: true, force: true })
  })

  it('carries no secret setting into anything it serves as is', { timeout: 300_000 }, async () => {
    // Real-looking settings: the servers do not exist, and the build must not need them.
    const built = nextBuild(DIST_DIR, {
      DATABASE_URL: `postgresql://lookbook:${SECRETS.dbPassword}@db.invalid:5432/lookbook`,
      REDIS_URL: `redis://:${SECRETS.redisPassword}@127.0.0.1:1`,
      HASH_SALT: SECRETS.HASH_SALT,
      KV_REST_API_URL: 'https://kv.invalid',
      KV_REST_API_TOKEN: SECRETS.KV_REST_API_TOKEN,
      S3_BUCKET: 'lookbook-media',
      S3_ACCESS_KEY_ID: SECRETS.S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRETS.S3_SECRET_ACCESS_KEY,
      SERVER_ACTIONS_SECRET: SECRETS.SERVER_ACTIONS_SECRET,
      DATA_DIR: '/nonexistent/the-build-has-no-database',
    })
    expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0)

    const files = await publicFiles()
    const contents = await Promise.all(files.map(async (file) => [file, await readFile(file, 'latin1')] as const))
    // The search reads what it should: a client component's words are in the bundles.
    expect(contents.some(([, text]) => text.includes('Price unavailable right now'))).toBe(true)
    const leaks: string[] = []
    for (const [name, value] of Object.entries(SECRETS)) {
      const forms = [value, encodeURIComponent(value), Buffer.from(value).toString('base64')]
      for (const [file, text] of contents)
        if (forms.some((form) => text.includes(form))) leaks.push(`${name} in ${path.relative(ROOT, file)}`)
    }
    expect(leaks).toEqual([])
  })

  // What lets a form rendered before a deploy post after it, to any instance: two builds of the same
  // code with the same SERVER_ACTIONS_SECRET name every server action alike and share its key.
  it('names server actions and keys them alike in every build with the same secret', { timeout: 600_000 }, async () => {
    await ensureProductionBuild()
    const manifestOf = async (distDir: string) =>
      JSON.parse(await readFile(path.join(ROOT, distDir, 'server/server-reference-manifest.json'), 'utf8')) as {
        node: Record<string, unknown>
        encryptionKey: string
      }
    const [first, second] = await Promise.all([manifestOf(TEST_DIST_DIR), manifestOf(DIST_DIR)])
    expect(Object.keys(first.node).length).toBeGreaterThan(5)
    expect(Object.keys(second.node).sort()).toEqual(Object.keys(first.node).sort())
    expect(first.encryptionKey).toBe(serverActionsKey(TEST_SERVER_ACTIONS_SECRET))
    expect(second.encryptionKey).toBe(first.encryptionKey)
  })
})
