// Socket errors that mean "the other end cannot be reached just now" — refused, reset, timed out,
// no route, a name that does not resolve — as Node reports them for any service (the database, the
// bucket). Callers turn them into a 503 with Retry-After: the same request may well work in a minute.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

export function isUnreachableCode(code: unknown): boolean {
  return typeof code === 'string' && UNREACHABLE.has(code)
}

/** Why a fetch with `AbortSignal.timeout(ms)` failed, in words: no answer in time, or the error behind it. */
export function fetchFailureReason(error: unknown, ms: number): string {
  if ((error as Error | null)?.name === 'TimeoutError') return `no answer in ${ms / 1000} s`
  return String((error as Error | null)?.cause ?? error)
}
