// The one settings module. Every environment variable the app reads is declared, documented
// and validated here, once; nothing else reads process.env for settings.
// A wrong or missing value fails at start with the variable's name and what to put there
// (see formatSettingsError), never with a stack trace from deep inside a driver.
import { z } from 'zod'
import { LOG_LEVELS } from './log-levels'

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value)
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== ''
    } catch {
      return false
    }
  }, 'must be a PostgreSQL URL such as postgresql://user:password@host:5432/lookbook — or leave it unset to use the embedded database under DATA_DIR')

const httpUrl = (example: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value)
        return url.protocol === 'http:' || url.protocol === 'https:'
      } catch {
        return false
      }
    }, `must be an http(s) URL such as ${example}`)

const integer = (min: number, max: number, hint: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max} (${hint})`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max} (${hint})`)

// Empty strings count as unset: Heroku and .env files often carry `NAME=` lines.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

export const settingsSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** PostgreSQL connection; unset → embedded PGlite under DATA_DIR. */
  DATABASE_URL: optional(postgresUrl),
  /**
   * TLS to PostgreSQL. auto: none to this machine, otherwise as the URL's sslmode says, else a
   * verified certificate. no-verify: encrypted without checking the certificate (Heroku Postgres,
   * whose certificates no public authority signs). verify: encrypted and checked. disable: plain.
   */
  DATABASE_SSL: optional(
    z.enum(['auto', 'disable', 'no-verify', 'verify'], {
      message: 'must be auto, disable, no-verify (Heroku Postgres) or verify',
    }),
  ).default('auto'),
  /** Connections per process in the PostgreSQL pool. */
  DATABASE_POOL_MAX: optional(
    integer(1, 100, 'connections per process; Heroku Postgres mini allows 20 in all'),
  ).default(5),
  /** Folder for the embedded database and locally stored media. */
  DATA_DIR: optional(z.string().trim().min(1)).default('.data'),
  /** Redis for the shared KV (offers cache, rate limits) when several instances run. */
  REDIS_URL: optional(
    z
      .string()
      .trim()
      .refine(
        (value) => /^rediss?:\/\/./.test(value),
        'must be a Redis URL such as redis://localhost:6379 (rediss:// for TLS)',
      ),
  ),
  /**
   * TLS to Redis for a rediss:// URL. verify: the certificate must be signed by an authority this
   * machine trusts (NODE_EXTRA_CA_CERTS adds one). no-verify: encrypted without checking the
   * certificate, as Heroku Redis needs (its certificates are self-signed). A redis:// URL is plain.
   */
  REDIS_TLS: optional(
    z.enum(['verify', 'no-verify'], { message: 'must be verify or no-verify (Heroku Redis, self-signed)' }),
  ).default('verify'),
  /**
   * How many proxies in front of the server append the client's address to X-Forwarded-For: 1 for
   * Heroku's router or one nginx, 2 for a CDN in front of nginx, 0 when clients connect directly.
   * The rate limits and address hashes use the address the outermost trusted proxy saw, so a
   * client cannot choose its own. On Vercel, Vercel's own header is used instead.
   */
  TRUSTED_PROXY_HOPS: optional(
    integer(0, 10, 'proxies that append to X-Forwarded-For: 1 behind Heroku or nginx, 0 with none'),
  ).default(1),
  /** Upstash / Vercel KV REST endpoint and token (both or neither). */
  KV_REST_API_URL: optional(httpUrl('https://example.upstash.io')),
  KV_REST_API_TOKEN: optional(z.string().trim().min(1)),
  /** Visitors' comments: "true" holds each new comment until an editor approves it. */
  COMMENTS_HELD_FOR_REVIEW: optional(z.enum(['true', 'false'], { message: 'must be true or false' }))
    .default('false')
    .transform((value) => value === 'true'),
  /** Secret salt for hashing visitors' IP addresses (never stored in clear). Required in production. */
  HASH_SALT: optional(
    z.string().trim().min(16, 'must be at least 16 characters: a long random string, e.g. from `openssl rand -hex 32`'),
  ),
  /**
   * Secret the server-actions encryption key is derived from (lib/crypto/deploy-identity.js): the
   * same in every instance and every build, so a form rendered before a deploy still posts after it.
   * Required in production (or NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, Next's own base64 key, as is).
   */
  SERVER_ACTIONS_SECRET: optional(
    z.string().trim().min(32, 'must be at least 32 characters: a long random string, e.g. from `openssl rand -hex 32`'),
  ),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: optional(
    z
      .string()
      .trim()
      .refine(
        (value) => [16, 24, 32].includes(Buffer.from(value, 'base64').length) && /^[A-Za-z0-9+/]+=*$/.test(value),
        {
          message:
            'must be an AES key in base64 (e.g. `openssl rand -base64 32`); or set SERVER_ACTIONS_SECRET instead',
        },
      ),
  ),
  /** This deploy's id for Next's version-skew check; Heroku's build commit (SOURCE_VERSION) by default. */
  DEPLOYMENT_ID: optional(
    z
      .string()
      .trim()
      .regex(/^[\w.-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores, e.g. a commit hash'),
  ),
  /** How much the server and the feed worker log: info (a line per request and job) by default. */
  LOG_LEVEL: optional(
    z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')} (info logs every request)` }),
  ).default('info'),
  /** The shop's product feed (Merchant Center XML, TSV or CSV) that `npm run feed:sync` reads by default. */
  FEED_URL: optional(httpUrl('https://shop.example.com/feeds/products.xml')),
  /** The secret Vercel Cron sends (Authorization: Bearer …) to the feed sync route. */
  CRON_SECRET: optional(
    z.string().trim().min(16, 'must be at least 16 characters: a long random string, e.g. from `openssl rand -hex 32`'),
  ),
  /** The shared secret the shop signs pushed product updates with (POST /api/feed/events). */
  FEED_WEBHOOK_SECRET: optional(
    z.string().trim().min(16, 'must be at least 16 characters: a long random string shared with the shop'),
  ),
  /** How often `npm run feed:worker` syncs FEED_URL, in seconds. */
  FEED_INTERVAL_SECONDS: optional(integer(10, 86_400, 'seconds between syncs; 300 is every five minutes')).default(300),
  /**
   * The public address of the site (its origin, no path): canonical URLs, share previews, the
   * sitemap. Required in production; unset elsewhere → http://localhost:<PORT>.
   */
  SITE_URL: optional(
    httpUrl('https://lookbook.example.com').refine((value) => {
      try {
        return new URL(value).pathname === '/'
      } catch {
        return true // httpUrl has said what is wrong
      }
    }, 'must be the address of the site itself, without a path, such as https://lookbook.example.com'),
  ),
  /**
   * Vercel sets it ("1"). There a function may freeze as soon as it has answered, so counts and
   * measurement events are sent before that instead of from a timer.
   */
  VERCEL: optional(z.string().trim()),
  /** Vercel sets it (the production domain, no scheme); SITE_URL defaults to it there. */
  VERCEL_PROJECT_PRODUCTION_URL: optional(z.string().trim().min(1)),
  /**
   * Meta's pixel for the campaign's Facebook and Instagram ads; unset → nothing is measured and no
   * consent banner is shown. Loaded only after a visitor accepts.
   */
  META_PIXEL_ID: optional(
    z
      .string()
      .trim()
      .regex(/^\d{5,20}$/, "must be the pixel's id: digits only, e.g. 123456789012345"),
  ),
  /** With it, the same events go to Meta's Conversions API from the server too (needs META_PIXEL_ID). */
  META_CAPI_ACCESS_TOKEN: optional(
    z.string().trim().min(20, 'must be the Conversions API access token from Events Manager (a long string)'),
  ),
  /** Meta's Graph API, with its version; a local server in tests. */
  META_GRAPH_API_URL: optional(httpUrl('https://graph.facebook.com/v23.0')).default('https://graph.facebook.com/v23.0'),
  /** Events Manager's "test event code": events then show under Test Events only. */
  META_TEST_EVENT_CODE: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,40}$/, 'must be the code Events Manager shows, e.g. TEST12345'),
  ),
  /** Largest image an editor may upload, in bytes. */
  MEDIA_MAX_UPLOAD_BYTES: optional(integer(1024, 100 * 1024 * 1024, 'bytes; 10485760 is 10 MB')).default(
    10 * 1024 * 1024,
  ),
  /** S3 (or S3-compatible) bucket for media; unset → local files under DATA_DIR/storage. */
  S3_BUCKET: optional(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name such as lookbook-media'),
  ),
  S3_REGION: optional(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9-]+$/, 'must be an AWS region such as eu-central-1'),
  ).default('us-east-1'),
  /** An S3-compatible endpoint (MinIO, R2, s3rver); unset → AWS S3 itself. */
  S3_ENDPOINT: optional(httpUrl('https://s3.example.com')),
  /** Keys for the bucket; unset → the AWS SDK's default chain (role, instance profile). */
  S3_ACCESS_KEY_ID: optional(z.string().trim().min(1)),
  S3_SECRET_ACCESS_KEY: optional(z.string().trim().min(1)),
  /** Where browsers load media from (a CDN in front of the bucket); unset → the bucket's own URL. */
  S3_PUBLIC_URL: optional(httpUrl('https://media.lookbook.example.com')),
  /** The port the production server listens on (Heroku sets it). */
  PORT: optional(integer(1, 65535, 'a TCP port such as 3000')).default(3000),
  /** The address it listens on; unset → every address (as Heroku and containers need). */
  HOST: optional(z.string().trim().min(1)),
  /**
   * Worker processes of the production server (Heroku sets it per dyno size); unset → one per
   * core, as many as the memory holds at about 256 MB each.
   */
  WEB_CONCURRENCY: optional(integer(1, 32, 'worker processes; 1 on a 512 MB dyno, 2 on a 1 GB one')),
  /** Memory for the front response cache of each worker process, in megabytes; 0 turns it off. */
  FRONT_CACHE_MB: optional(integer(0, 4096, 'megabytes per worker process, e.g. 48')).default(48),
})

// False in a command that said it is not the server (withoutServerSettings below).
let serverSettingsRequired = true

// Settings that only make sense together.
const checkedSchema = settingsSchema.superRefine((settings, context) => {
  // What a running production server cannot do without (not `next build`, nor a command that is
  // not the server, such as db:migrate: they need none of it).
  const running =
    settings.NODE_ENV === 'production' && process.env.NEXT_PHASE !== 'phase-production-build' && serverSettingsRequired
  const requiredWhenRunning = (name: string, given: unknown, message: string) => {
    if (running && !given) context.addIssue({ code: 'custom', path: [name], message })
  }
  requiredWhenRunning(
    'HASH_SALT',
    settings.HASH_SALT,
    'is required in production: a long random string, e.g. from `openssl rand -hex 32`',
  )
  requiredWhenRunning(
    'SERVER_ACTIONS_SECRET',
    settings.SERVER_ACTIONS_SECRET || settings.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    'is required in production, the same on every instance and kept across deploys: a long random string, e.g. from `openssl rand -hex 32`',
  )
  // Share previews, canonical links and the sitemap must name the address visitors use; a default
  // would send Facebook's crawler to localhost (Vercel's own domain counts as set).
  requiredWhenRunning(
    'SITE_URL',
    settings.SITE_URL || settings.VERCEL_PROJECT_PRODUCTION_URL,
    'is required in production: the address visitors use, such as https://lookbook.example.com',
  )
  if (settings.META_CAPI_ACCESS_TOKEN && !settings.META_PIXEL_ID) {
    context.addIssue({
      code: 'custom',
      path: ['META_PIXEL_ID'],
      message: 'must be set when META_CAPI_ACCESS_TOKEN is: the Conversions API sends to that pixel',
    })
  }
  if (Boolean(settings.KV_REST_API_URL) !== Boolean(settings.KV_REST_API_TOKEN)) {
    const missing = settings.KV_REST_API_URL ? 'KV_REST_API_TOKEN' : 'KV_REST_API_URL'
    context.addIssue({
      code: 'custom',
      path: [missing],
      message: 'must be set together with the other KV_REST_API_* setting (Vercel KV / Upstash REST)',
    })
  }
  if (Boolean(settings.S3_ACCESS_KEY_ID) !== Boolean(settings.S3_SECRET_ACCESS_KEY)) {
    const missing = settings.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'
    context.addIssue({
      code: 'custom',
      path: [missing],
      message:
        'must be set together with the other S3 key setting (or leave both unset to use the AWS default credentials)',
    })
  }
  const s3Setting = (['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_PUBLIC_URL'] as const).find((name) => settings[name])
  if (!settings.S3_BUCKET && s3Setting) {
    context.addIssue({
      code: 'custom',
      path: ['S3_BUCKET'],
      message: `must be set when ${s3Setting} is: name the bucket media goes to`,
    })
  }
})

/** The site's own address: SITE_URL, else Vercel's production domain, else this machine's port. */
function siteUrlOf(settings: z.infer<typeof settingsSchema>): string {
  if (settings.SITE_URL) return new URL(settings.SITE_URL).origin
  if (settings.VERCEL_PROJECT_PRODUCTION_URL) return `https://${settings.VERCEL_PROJECT_PRODUCTION_URL}`
  return `http://localhost:${settings.PORT}`
}

const resolvedSchema = checkedSchema.transform((settings) => ({ ...settings, SITE_URL: siteUrlOf(settings) }))

export type Settings = z.output<typeof resolvedSchema>

export class SettingsError extends Error {
  constructor(readonly issues: { variable: string; message: string; received: unknown }[]) {
    super(formatSettingsError(issues))
    this.name = 'SettingsError'
  }
}

function formatSettingsError(issues: SettingsError['issues']): string {
  const lines = issues.map(({ variable, message, received }) => {
    const shown = received === undefined ? 'it is not set' : `got ${JSON.stringify(redact(variable, received))}`
    return `  ${variable} ${message} (${shown})`
  })
  return ['Lookbook cannot start: invalid settings.', ...lines, 'See .env.example for every setting.'].join('\n')
}

// Never echo credentials back into logs.
function redact(variable: string, value: unknown): unknown {
  if (typeof value !== 'string') return value
  if (/SECRET|TOKEN|PASSWORD|KEY/.test(variable)) return '***'
  try {
    const url = new URL(value)
    if (url.password) url.password = '***'
    return url.toString()
  } catch {
    return value.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@')
  }
}

export function parseSettings(source: Record<string, string | undefined>): Settings {
  const result = resolvedSchema.safeParse(source)
  if (result.success) return result.data
  throw new SettingsError(
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(settings)')
      return { variable, message: issue.message, received: source[variable] }
    }),
  )
}

let cached: Settings | undefined

/** The validated settings of this process, parsed once. */
export function settings(): Settings {
  cached ??= parseSettings(process.env)
  return cached
}

/**
 * For a program's entry point: the settings, or the variable's name and what to put there on
 * stderr and exit code 1 (no stack trace: the user fixes a setting, not the code).
 */
export function settingsOrExit(): Settings {
  try {
    return settings()
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

/**
 * For a command that is not the server and uses none of its settings (db:migrate, the backups, the
 * feed sync): HASH_SALT, SERVER_ACTIONS_SECRET and SITE_URL are then not required in production,
 * so a CI's `vercel build` or Heroku's release phase can migrate with the database's settings
 * alone. The server, doctor and the commands that use them keep requiring them. A command calls it
 * before its first settings() (e.g. lib/cli/migrate.ts).
 */
export function withoutServerSettings(): void {
  serverSettingsRequired = false
  cached = undefined
}

/** For tests that change the environment between cases. */
export function resetSettingsForTests(): void {
  cached = undefined
  serverSettingsRequired = true
}
