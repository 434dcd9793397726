import { describe, expect, it } from 'vitest'
import { parseSettings, resetSettingsForTests, SettingsError, withoutServerSettings } from '@/lib/env'
import { applyServerActionsKey, deploymentId, serverActionsKey } from '@/lib/crypto/deploy-identity.js'

function errorOf(source: Record<string, string>): SettingsError {
  try {
    parseSettings(source)
  } catch (error) {
    if (error instanceof SettingsError) return error
    throw error
  }
  throw new Error('expected the settings to be refused')
}

describe('settings', () => {
  it('defaults to the embedded database and local files', () => {
    const settings = parseSettings({})
    expect(settings.DATABASE_URL).toBeUndefined()
    expect(settings.DATA_DIR).toBe('.data')
    expect(settings.DATABASE_POOL_MAX).toBe(5)
    expect(settings.SITE_URL).toBe('http://localhost:3000')
    expect(parseSettings({ PORT: '3999' }).SITE_URL).toBe('http://localhost:3999')
  })

  it("requires the site address in production, without a path, and uses Vercel's domain there", () => {
    const production = {
      NODE_ENV: 'production',
      HASH_SALT: 'a-long-enough-salt-value',
      SERVER_ACTIONS_SECRET: 'a-long-enough-server-actions-secret',
    }
    expect(errorOf(production).message).toMatch(/SITE_URL is required in production: the address visitors use/)
    expect(parseSettings({ ...production, SITE_URL: 'https://lookbook.example.com/' }).SITE_URL).toBe(
      'https://lookbook.example.com',
    )
    expect(errorOf({ SITE_URL: 'https://shop.example.com/lookbook' }).message).toMatch(
      /SITE_URL must be the address of the site itself/,
    )
    expect(parseSettings({ ...production, VERCEL_PROJECT_PRODUCTION_URL: 'lookbook.vercel.app' }).SITE_URL).toBe(
      'https://lookbook.vercel.app',
    )
  })

  it('treats empty values as unset', () => {
    expect(parseSettings({ DATABASE_URL: '', DATA_DIR: '' }).DATABASE_URL).toBeUndefined()
  })

  it('accepts a PostgreSQL URL and a pool size', () => {
    const settings = parseSettings({
      DATABASE_URL: 'postgresql://u:p@db.example.com:5432/lookbook',
      DATABASE_POOL_MAX: '12',
    })
    expect(settings.DATABASE_URL).toBe('postgresql://u:p@db.example.com:5432/lookbook')
    expect(settings.DATABASE_POOL_MAX).toBe(12)
  })

  it('names the variable and says what to put there', () => {
    const error = errorOf({ DATABASE_URL: 'nonsense' })
    expect(error.message).toContain('DATABASE_URL')
    expect(error.message).toContain('postgresql://')
    expect(error.message).toContain('got "nonsense"')
  })

  it('lists every wrong variable at once', () => {
    const error = errorOf({
      DATABASE_URL: 'mysql://x@y/z',
      DATABASE_POOL_MAX: 'lots',
      SITE_URL: 'lookbook.example.com',
      NODE_ENV: 'staging',
    })
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'DATABASE_POOL_MAX',
      'DATABASE_URL',
      'NODE_ENV',
      'SITE_URL',
    ])
    expect(error.message).toMatch(/DATABASE_POOL_MAX must be a whole number from 1 to 100/)
  })

  it('never echoes a password', () => {
    const error = errorOf({ DATABASE_URL: 'postgresql://user:hunter2@/nohost' })
    expect(error.message).not.toContain('hunter2')
  })
  it('stores media locally unless an S3 bucket is named, and caps uploads at 10 MB by default', () => {
    const local = parseSettings({})
    expect(local.S3_BUCKET).toBeUndefined()
    expect(local.MEDIA_MAX_UPLOAD_BYTES).toBe(10 * 1024 * 1024)
    expect(parseSettings({ S3_BUCKET: 'lookbook-media', MEDIA_MAX_UPLOAD_BYTES: '2048' }).MEDIA_MAX_UPLOAD_BYTES).toBe(
      2048,
    )
  })

  it('names what is missing from a half-done S3 setup, without echoing the secret', () => {
    expect(errorOf({ S3_ENDPOINT: 'http://127.0.0.1:9000' }).message).toContain(
      'S3_BUCKET must be set when S3_ENDPOINT is',
    )
    const keys = errorOf({ S3_BUCKET: 'lookbook-media', S3_SECRET_ACCESS_KEY: 'very-secret' }).message
    expect(keys).toContain('S3_ACCESS_KEY_ID must be set together')
    expect(keys).not.toContain('very-secret')
    expect(errorOf({ S3_BUCKET: 'Not A Bucket' }).message).toContain('S3_BUCKET must be an S3 bucket name')
    expect(errorOf({ MEDIA_MAX_UPLOAD_BYTES: '10MB' }).message).toContain(
      'MEDIA_MAX_UPLOAD_BYTES must be a whole number',
    )
  })

  it('requires one server-actions key in production, derived from a secret of any shape, and checks a given key', () => {
    const production = { NODE_ENV: 'production', HASH_SALT: 'a-long-enough-salt-value', SITE_URL: 'https://x.example' }
    expect(errorOf(production).message).toMatch(
      /SERVER_ACTIONS_SECRET is required in production, the same on every instance/,
    )
    expect(errorOf({ ...production, SERVER_ACTIONS_SECRET: 'short' }).message).toMatch(/at least 32 characters/)
    const hex = 'a'.repeat(64) // what app.json's "secret" generator gives
    expect(parseSettings({ ...production, SERVER_ACTIONS_SECRET: hex }).SERVER_ACTIONS_SECRET).toBe(hex)
    expect(Buffer.from(serverActionsKey(hex), 'base64')).toHaveLength(32)
    expect(serverActionsKey(hex)).toBe(serverActionsKey(` ${hex}\n`))
    expect(serverActionsKey(hex)).not.toBe(serverActionsKey('b'.repeat(64)))
    const given = Buffer.alloc(32, 7).toString('base64')
    expect(
      parseSettings({ ...production, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: given }).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    ).toBe(given)
    expect(errorOf({ ...production, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: hex }).message).toMatch(
      /must be an AES key in base64/,
    )

    const env: Record<string, string | undefined> = { SERVER_ACTIONS_SECRET: hex }
    applyServerActionsKey(env)
    expect(env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBe(serverActionsKey(hex))
    const keyGiven: Record<string, string | undefined> = {
      SERVER_ACTIONS_SECRET: hex,
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: given,
    }
    applyServerActionsKey(keyGiven)
    expect(keyGiven.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBe(given)
  })

  it('asks the server-only settings of the server, not of a command that says it is none', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@db.example.com/lookbook' }
    expect(errorOf(production).message).toMatch(/HASH_SALT is required in production/)
    try {
      withoutServerSettings()
      expect(parseSettings(production).DATABASE_URL).toBe(production.DATABASE_URL)
      // Every other check still holds.
      expect(errorOf({ ...production, SITE_URL: 'https://shop.example.com/lookbook' }).message).toMatch(
        /SITE_URL must be the address of the site itself/,
      )
    } finally {
      resetSettingsForTests()
    }
    expect(errorOf(production).message).toMatch(/SITE_URL is required in production/)
  })

  it("names the deploy by DEPLOYMENT_ID, or the commit Heroku builds, and leaves Vercel's own alone", () => {
    expect(deploymentId({ SOURCE_VERSION: '4f2c9e1' })).toBe('4f2c9e1')
    expect(deploymentId({ HEROKU_BUILD_COMMIT: '4f2c9e1' })).toBe('4f2c9e1') // at run time
    expect(deploymentId({ SOURCE_VERSION: '4f2c9e1', DEPLOYMENT_ID: 'release-12' })).toBe('release-12')
    expect(deploymentId({ SOURCE_VERSION: '4f2c9e1', VERCEL: '1' })).toBeUndefined()
    expect(deploymentId({})).toBeUndefined()
    expect(errorOf({ DEPLOYMENT_ID: 'has spaces' }).message).toMatch(/DEPLOYMENT_ID must be 1–64 letters/)
  })
})
