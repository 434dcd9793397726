// A circuit breaker for a shared service (Redis, Upstash): while it answers, calls go to it. A call
// that fails, or has no answer within `answerWithinMs`, opens the circuit: for a pause (1 s,
// doubling while the service stays down, at most 30 s) calls go straight to the caller's fallback
// without trying, so no request waits on a dead service. The first call after the pause tries
// again. One warning when the circuit opens, one line when the service answers again.
//
// Plain JavaScript: Next's cache handler (lib/cache/cache-handler.js, loaded by next.config.js)
// uses it as well as the KV (lib/kv/fallback.ts).

/**
 * @typedef {{
 *   name: string,
 *   answerWithinMs?: number,
 *   firstAnswerWithinMs?: number,
 *   firstPauseMs?: number,
 *   maxPauseMs?: number,
 *   log?: (line: string) => void,
 *   now?: () => number,
 * }} BreakerOptions
 */

export class CircuitBreaker {
  /** @param {BreakerOptions} options */
  constructor({
    name,
    answerWithinMs = 250,
    firstAnswerWithinMs = 2_000,
    firstPauseMs = 1_000,
    maxPauseMs = 30_000,
    log,
    now,
  }) {
    this.name = name
    this.answerWithinMs = answerWithinMs
    // Until the service has answered once, the connection is still being opened (TCP, handshake,
    // on a process that is busy starting up): the first answer may take longer.
    this.firstAnswerWithinMs = firstAnswerWithinMs
    this.answered = false
    this.firstPauseMs = firstPauseMs
    this.maxPauseMs = maxPauseMs
    this.log = log ?? ((line) => console.warn(line))
    this.now = now ?? Date.now
    /** Failures in a row: 0 while the service answers. */
    this.failures = 0
    this.openUntil = 0
  }

  /** Whether calls skip the service now. */
  get isOpen() {
    return this.now() < this.openUntil
  }

  /**
   * The service's answer, or the fallback's when the circuit is open or the service fails or is slow.
   * @template T
   * @param {() => Promise<T>} work
   * @param {() => T | Promise<T>} fallback
   * @returns {Promise<T>}
   */
  async run(work, fallback) {
    if (this.isOpen) return fallback()
    let answer
    try {
      answer = await this.#bounded(work())
    } catch (error) {
      this.#failed(error)
      return fallback()
    }
    this.answered = true
    if (this.failures > 0) {
      this.log(`${this.name} answers again: using it from now on.`)
      this.failures = 0
    }
    return answer
  }

  /**
   * @template T
   * @param {Promise<T>} promise
   * @returns {Promise<T>}
   */
  #bounded(promise) {
    const limit = this.answered ? this.answerWithinMs : this.firstAnswerWithinMs
    return new Promise((resolve, reject) => {
      // The timer runs before pending network reads in the event loop's turn: on a busy process
      // an answer that has arrived would lose to it. setImmediate lets those reads go first, so
      // only a service that really has not answered counts as slow.
      const timer = setTimeout(() => setImmediate(() => reject(new Error(`no answer within ${limit} ms`))), limit)
      promise.then(
        (value) => {
          clearTimeout(timer)
          resolve(value)
        },
        (error) => {
          clearTimeout(timer)
          reject(error)
        },
      )
    })
  }

  /** @param {unknown} error */
  #failed(error) {
    // Calls already under way when the circuit opened fail too: they do not lengthen the pause.
    if (this.isOpen) return
    this.failures += 1
    const pause = Math.min(this.firstPauseMs * 2 ** (this.failures - 1), this.maxPauseMs)
    this.openUntil = this.now() + pause
    if (this.failures === 1) {
      const reason = error instanceof Error ? error.message : String(error)
      this.log(`${this.name} is not answering (${reason}): serving without it, trying again every few seconds.`)
    }
  }
}

/** Redis's breaker: the KV (REDIS_URL) and Next's cache handler share it. */
export const REDIS_BREAKER = 'Redis (REDIS_URL)'

/**
 * One breaker per shared service and process, by name: the KV and Next's cache handler talk to the
 * same Redis, so they open and close together and an outage is reported once.
 * @param {string} name
 * @returns {CircuitBreaker}
 */
export function breakerFor(name) {
  const breakers = /** @type {Map<string, CircuitBreaker>} */ (globalThis.__lookbookBreakers ??= new Map())
  let breaker = breakers.get(name)
  if (!breaker) breakers.set(name, (breaker = new CircuitBreaker({ name })))
  return breaker
}
