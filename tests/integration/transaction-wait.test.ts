// How long a transaction waits for a connection. Prisma gives up after 2 s by default, which is
// shorter than the wait can honestly take: opening the embedded database on a busy machine, or a
// pool whose connections are all in use for a moment. A transaction waits as long as the pool
// would; when the wait does end, the error is an outage (503, try again), not a bug (500).
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { isDatabaseUnavailable } from '@/lib/data/unavailable'
import { useFreshDatabase } from '../support/database'
import { testDatabaseUrl } from '../support/test-env'

// One connection per process, so one transaction holding it makes the next one wait.
process.env.DATABASE_POOL_MAX = '1'
useFreshDatabase()

/** A transaction that keeps the pool's only connection for `ms`; resolves once it has it. */
async function holdTheConnection(ms: number): Promise<{ done: Promise<void> }> {
  let hasIt: () => void = () => undefined
  const started = new Promise<void>((resolve) => (hasIt = resolve))
  const holding = prisma().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1`
      hasIt()
      await sleep(ms)
    },
    { timeout: ms + 10_000 },
  )
  await started
  // Wrapped: an async function returning the promise itself would wait for it.
  return { done: holding }
}

describe('a transaction waiting for a connection', () => {
  it("waits past Prisma's 2 s default while the only connection is busy for 3 s", async () => {
    const holding = await holdTheConnection(3_000)
    const started = Date.now()
    const rows = await prisma().$transaction(async (tx) => tx.$queryRaw<{ n: number }[]>`SELECT 2 AS n`)
    expect(rows).toEqual([{ n: 2 }])
    expect(Date.now() - started).toBeGreaterThan(2_500)
    await holding.done
  })

  // The embedded pool has no connect timeout of its own (its only wait is the opening); PostgreSQL's
  // gives up after 5 s, and what the waiting request then sees must read as an outage.
  it.skipIf(!testDatabaseUrl())('ends a longer wait with an error answered as an outage', async () => {
    const holding = await holdTheConnection(8_000)
    const error = await prisma()
      .$transaction(async (tx) => tx.$queryRaw`SELECT 3`)
      .then(
        () => undefined,
        (reason: unknown) => reason,
      )
    expect(error).toBeDefined()
    expect(isDatabaseUnavailable(error)).toBe(true)
    await holding.done
  })
})
