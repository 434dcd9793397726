// Structured logs on standard output, where Heroku's log router, Vercel and journald collect them:
// one JSON line per request (lib/server/request-log.ts), per background job (runJob below) and per
// anything else the server says (routeConsoleToLog). LOG_LEVEL picks how much; on a terminal each
// line is written for a person instead. Not logged: IP addresses, email addresses, cookies, query
// strings, secrets (the request line has no field for them, our messages name paths only, and
// fields of those names in any object logged are redacted).
import { format } from 'node:util'
import pino, { type DestinationStream, type Logger } from 'pino'

import { LOG_LEVELS, type LogLevel } from './log-levels'
import { batchedLineOutput } from './log-output'

// Field names whose values never reach a log, wherever they appear (one level deep).
const HIDDEN = ['email', 'ip', 'password', 'token', 'secret', 'cookie', 'authorization']

let root: Logger | undefined
let requests: Logger | undefined
let output: DestinationStream | undefined

export function log(): Logger {
  root ??= createLog()
  return root
}

/**
 * For the request lines only: the same output, without redaction. Their fields are fixed and
 * name no visitor (lib/server/request-log.ts), and pino's redaction, wildcards and all, cost 4 of
 * the 5.4 µs a line took (measured).
 */
export function requestLog(): Logger {
  requests ??= createLog({ redact: false })
  return requests
}

/** The process's one output: every logger writes to it, so their lines are batched together. */
function processOutput(pretty: boolean): DestinationStream {
  output ??= pretty ? prettyDestination(process.stdout) : bufferedStdout()
  return output
}

/** The level from LOG_LEVEL (lib/env.ts refuses a wrong one at start; here it falls back to info). */
function levelFromEnvironment(): LogLevel {
  const asked = process.env.LOG_LEVEL?.trim().toLowerCase()
  return (LOG_LEVELS as readonly string[]).includes(asked ?? '') ? (asked as LogLevel) : 'info'
}

export function createLog(
  options: { level?: LogLevel; destination?: DestinationStream; pretty?: boolean; redact?: boolean } = {},
): Logger {
  const pretty = options.pretty ?? (Boolean(process.stdout.isTTY) && process.env.LOG_FORMAT !== 'json')
  const destination = options.destination ?? processOutput(pretty)
  return pino(
    {
      level: options.level ?? levelFromEnvironment(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      ...(options.redact === false
        ? {}
        : { redact: { paths: HIDDEN.flatMap((name) => [name, `*.${name}`]), censor: '[hidden]' } }),
    },
    destination,
  )
}

/**
 * Standard output, in batches of whole lines (./log-output.ts) at least every 200 ms: one write
 * per log line cost the server a fifth of its throughput under load (measured: campaign mix 12,830
 * -> 10,085 req/s); batching takes most of that back. What waits is written on exit.
 */
function bufferedStdout(): DestinationStream {
  // A Vercel function may be frozen right after its answer: nothing may wait in a buffer there.
  if (process.env.VERCEL) return pino.destination({ dest: 1, sync: true })
  return batchedLineOutput(1)
}

const COLOURS: Record<string, string> = { fatal: '35', error: '31', warn: '33', info: '32', debug: '36', trace: '90' }

/** One line per entry for a person: time, level, message, then the other fields as key=value. */
export function prettyLine(json: string, colour = false): string {
  let entry: Record<string, unknown>
  try {
    entry = JSON.parse(json) as Record<string, unknown>
  } catch {
    return json
  }
  const { time, level, msg, pid: _pid, ...fields } = entry
  const clock = typeof time === 'string' ? time.slice(11, 23) : ''
  const label = String(level ?? '')
    .toUpperCase()
    .padEnd(5)
  const shownLevel = colour ? `\u001b[${COLOURS[String(level)] ?? '0'}m${label}\u001b[0m` : label
  const rest = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ')
  return `${clock} ${shownLevel} ${String(msg ?? '')}${rest ? `  ${rest}` : ''}\n`
}

function prettyDestination(out: NodeJS.WriteStream): DestinationStream {
  return { write: (line: string) => void out.write(prettyLine(line, true)) }
}

/**
 * Sends console.* through the log, so that everything a server process prints (Next's own warnings
 * included) is one JSON line with a level. For server processes only: commands talk to a person.
 */
export function routeConsoleToLog(logger: Logger = log()): void {
  const say =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) =>
      logger[level](format(...args))
  console.log = say('info')
  console.info = say('info')
  console.warn = say('warn')
  console.error = say('error')
  console.debug = say('debug')
}

export type JobLogging<T> = {
  /** The result's fields worth a line: counts, ids. */
  fields?: (result: T) => Record<string, unknown>
  /** A job that ran but did not do its work (a feed refused): logged as a warning. */
  unsuccessful?: (result: T) => boolean
  logger?: Logger
}

/**
 * Runs a background job and logs one line when it ends: its name, how long it took, whether it
 * did its work, and the fields its result gives. The job's error is logged, then thrown on.
 */
export async function runJob<T>(job: string, work: () => Promise<T>, options: JobLogging<T> = {}): Promise<T> {
  const logger = options.logger ?? log()
  const started = performance.now()
  const ms = () => Math.round(performance.now() - started)
  try {
    const result = await work()
    const fields = options.fields?.(result) ?? {}
    if (options.unsuccessful?.(result))
      logger.warn({ job, outcome: 'unsuccessful', ms: ms(), ...fields }, `job ${job} unsuccessful`)
    else logger.info({ job, outcome: 'done', ms: ms(), ...fields }, `job ${job}`)
    return result
  } catch (error) {
    logger.error({ job, outcome: 'failed', ms: ms(), error: errorFields(error) }, `job ${job} failed`)
    throw error
  }
}

export function errorFields(error: unknown): { type: string; message: string } {
  return error instanceof Error
    ? { type: error.name, message: error.message }
    : { type: typeof error, message: String(error) }
}
