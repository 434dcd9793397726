// The one way this app opens a Redis connection: the KV (lib/kv/redis.ts) and Next's cache handler
// (lib/cache/cache-handler.js) both call it, so TLS, connect timeout and error hints are alike.
//
// Plain JavaScript: the cache handler is loaded by next.config.js, outside the app's bundle.
import { createClient } from 'redis'

/**
 * @typedef {'verify' | 'no-verify'} RedisTls
 * @typedef {{
 *   tls?: string,
 *   reconnectStrategy?: (retries: number) => number | false,
 *   disableOfflineQueue?: boolean,
 *   commandTimeoutMs?: number,
 * }} RedisClientOptions
 */

/**
 * A node-redis client for `url` (not connected yet). A rediss:// URL is TLS; `tls` is REDIS_TLS
 * (lib/env.ts): 'no-verify' encrypts without checking the certificate, as Heroku Redis needs (its
 * certificates are self-signed); anything else checks it against the authorities Node trusts.
 * @param {string} url
 * @param {RedisClientOptions} [options]
 */
export function createRedisClient(url, options = {}) {
  const { tls, reconnectStrategy, disableOfflineQueue = false, commandTimeoutMs = 0 } = options
  return createClient({
    url,
    socket: {
      connectTimeout: 2_000,
      ...(reconnectStrategy ? { reconnectStrategy } : {}),
      // Only for rediss:// (node-redis turns TLS on from the URL; a plain socket ignores it).
      ...(tls === 'no-verify' ? { rejectUnauthorized: false } : {}),
    },
    disableOfflineQueue,
    // 0: no per-command timer (see STALLED_AFTER_MS in lib/kv/redis.ts for why the KV wants none).
    commandOptions: { timeout: commandTimeoutMs },
  })
}

// Node's codes for a certificate chain it cannot check (self-signed, unknown authority).
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
])

/** Where a KV message names the setting to change (`npm run doctor` shows it as the fix). */
export const FIX = 'Fix:'

/**
 * What a failed connection to `url` means and which setting fixes it, or undefined when the error
 * says nothing a setting can fix (Redis down, a wrong host). The KV puts both in its message
 * (`<reason>: <cause>. Fix: <fix>`), so the server's warning and `npm run doctor` name the real cause.
 * `silent`: the connection gave no answer at all (the KV's stall watch ended it).
 * @param {unknown} error
 * @param {string} url
 * @param {{ silent?: boolean }} [how]
 * @returns {{ cause: string, fix: string } | undefined}
 */
export function redisSettingHint(error, url, how = {}) {
  const code = /** @type {{ code?: unknown }} */ (error ?? {}).code
  const tlsUrl = url.startsWith('rediss:')
  if (typeof code === 'string' && UNTRUSTED_CERTIFICATE.has(code))
    return {
      cause: "Redis's certificate is not signed by an authority this machine trusts",
      fix: 'set REDIS_TLS=no-verify (Heroku Redis, whose certificates are self-signed), or name the authority in NODE_EXTRA_CA_CERTS',
    }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return {
      cause: "Redis's certificate names another host",
      fix: 'use the host name the certificate names in REDIS_URL, or set REDIS_TLS=no-verify',
    }
  if (code === 'ECONNRESET' && !tlsUrl)
    return {
      cause: 'Redis closed the connection at once, as a TLS-only Redis (Heroku Redis) does to plain text',
      fix: 'use the rediss:// URL in REDIS_URL',
    }
  // A plain Redis waits for a command while we wait for its handshake (seen here), or answers the
  // handshake with text.
  const noHandshake =
    how.silent === true ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' ||
    (error instanceof Error && /Connection timeout/.test(error.message))
  if (tlsUrl && noHandshake)
    return {
      cause: 'no TLS handshake',
      fix: 'if this Redis does not speak TLS, use a redis:// URL in REDIS_URL',
    }
  return undefined
}
