// What must be the same in every instance of a deploy, and from one deploy to the next where that
// keeps visitors' open pages working: the key that encrypts server actions' bound arguments (and
// salts their ids), and the deployment id. Plain JavaScript, so next.config.js can import it: the
// build reads both, and the server reads the key again when it starts (next.config.js runs there too).
import { createHmac } from 'node:crypto'

/**
 * Next wants a base64 AES-256 key in NEXT_SERVER_ACTIONS_ENCRYPTION_KEY; app.json's "secret"
 * generator gives 64 hex characters. The key is derived from the secret (HMAC-SHA256), so any long
 * random string will do and the key itself is never typed anywhere.
 * @param {string} secret
 * @returns {string}
 */
export function serverActionsKey(secret) {
  return createHmac('sha256', secret.trim()).update('lookbook/server-actions-encryption-key/v1').digest('base64')
}

/**
 * Sets NEXT_SERVER_ACTIONS_ENCRYPTION_KEY from SERVER_ACTIONS_SECRET, unless a key was given as is.
 * Without either, Next makes a random key per build: actions rendered before a deploy would fail
 * after it, and instances built apart could not read each other's.
 * @param {Record<string, string | undefined>} env
 */
export function applyServerActionsKey(env = process.env) {
  if (env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY || !env.SERVER_ACTIONS_SECRET?.trim()) return
  env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = serverActionsKey(env.SERVER_ACTIONS_SECRET)
}

/**
 * This deploy's id: DEPLOYMENT_ID, or the commit Heroku built: HEROKU_BUILD_COMMIT at run time (with
 * `heroku labs:enable runtime-dyno-build-metadata`), SOURCE_VERSION during the build. A browser
 * holding pages of another deploy then loads the next page whole instead of mixing two versions'
 * code. Vercel hands Next its own id (skew protection); undefined elsewhere.
 * @param {Record<string, string | undefined>} env
 * @returns {string | undefined}
 */
export function deploymentId(env = process.env) {
  if (env.VERCEL) return undefined
  const id = (env.DEPLOYMENT_ID || env.HEROKU_BUILD_COMMIT || env.SOURCE_VERSION || '').trim()
  return id ? id.slice(0, 64) : undefined
}
