// The circuit breaker in front of Redis: a failure or a slow answer sends calls to the fallback
// without trying the service for a pause that doubles while it stays down; one warning per outage.
import { describe, expect, it } from 'vitest'
import { CircuitBreaker } from '@/lib/kv/circuit-breaker.js'

function breaker() {
  const clock = { now: 0 }
  const lines: string[] = []
  const subject = new CircuitBreaker({
    name: 'Test service',
    answerWithinMs: 20,
    firstAnswerWithinMs: 100,
    firstPauseMs: 1_000,
    maxPauseMs: 4_000,
    log: (line) => lines.push(line),
    now: () => clock.now,
  })
  return { subject, clock, lines }
}

const fails = () => Promise.reject(new Error('connection refused'))
const answers = (value: string) => () => Promise.resolve(value)
const fallback = () => 'fallback'

describe('CircuitBreaker', () => {
  it('uses the service while it answers', async () => {
    const { subject, lines } = breaker()
    expect(await subject.run(answers('service'), fallback)).toBe('service')
    expect(subject.isOpen).toBe(false)
    expect(lines).toEqual([])
  })

  it('opens on a failure: the fallback answers and the service is not tried until the pause ends', async () => {
    const { subject, clock, lines } = breaker()
    expect(await subject.run(fails, fallback)).toBe('fallback')
    let tried = 0
    const counted = () => {
      tried += 1
      return Promise.resolve('service')
    }
    clock.now = 999
    expect(await subject.run(counted, fallback)).toBe('fallback')
    expect(tried).toBe(0)
    clock.now = 1_000
    expect(await subject.run(counted, fallback)).toBe('service')
    expect(tried).toBe(1)
    expect(lines).toEqual([
      'Test service is not answering (connection refused): serving without it, trying again every few seconds.',
      'Test service answers again: using it from now on.',
    ])
  })

  it('gives the first answer (a connection being opened) longer than later ones', async () => {
    const { subject } = breaker()
    const after = (ms: number, value: string) => () =>
      new Promise<string>((resolve) => setTimeout(() => resolve(value), ms))
    expect(await subject.run(after(50, 'connected'), fallback)).toBe('connected') // within 100 ms
    expect(await subject.run(after(50, 'late'), fallback)).toBe('fallback') // not within 20 ms
  })

  it('treats a slow answer as a failure, so no caller waits longer than answerWithinMs', async () => {
    const { subject } = breaker()
    await subject.run(answers('connected'), fallback)
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve('late'), 200))
    expect(await subject.run(slow, fallback)).toBe('fallback') // had it waited, the answer would be 'late'
    expect(subject.isOpen).toBe(true)
  })

  it('doubles the pause while the service stays down, up to the limit, and warns once', async () => {
    const { subject, clock, lines } = breaker()
    const pauses: number[] = []
    for (let i = 0; i < 5; i++) {
      await subject.run(fails, fallback)
      pauses.push(subject.openUntil - clock.now)
      clock.now = subject.openUntil
    }
    expect(pauses).toEqual([1_000, 2_000, 4_000, 4_000, 4_000])
    expect(lines).toHaveLength(1)
  })
})
