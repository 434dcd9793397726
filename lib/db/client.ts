// The one Prisma client of the process, shared on globalThis so development reloads reuse it.
// Only lib/data (and the seed) import this.
import { PrismaPg } from '@prisma/adapter-pg'
import { Prisma, PrismaClient } from './generated/client'
import { CONNECT_TIMEOUT_MS, databasePool, usesEmbeddedDatabase } from './pool'

export type { PrismaClient } from './generated/client'
export { Prisma } from './generated/client'

/** Whether a write broke a constraint: P2002 a unique value taken, P2003 a foreign key (a record gone, or still used). */
export function isConstraintError(error: unknown, code: 'P2002' | 'P2003'): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code
}

const globalForPrisma = globalThis as { __lookbookPrisma?: PrismaClient }

export function prisma(): PrismaClient {
  globalForPrisma.__lookbookPrisma ??= new PrismaClient({
    adapter: new PrismaPg(databasePool(), { disposeExternalPool: false }),
    transactionOptions: { maxWait: transactionMaxWaitMs() },
  })
  return globalForPrisma.__lookbookPrisma
}

/**
 * How long a transaction may wait for its connection. Prisma's default, 2 s, is shorter than what
 * that wait can honestly take: the first connection to the embedded database opens it (PGlite's
 * start and the migration check, about 0.9 s on an idle 2-core machine and over 2 s beside a
 * browser test), and on PostgreSQL the pool gives up after its own timeout with the clearer
 * "timeout exceeded" (answered 503). Past this wait Prisma's P2028 is answered 503 as well.
 */
function transactionMaxWaitMs(): number {
  return usesEmbeddedDatabase() ? 20_000 : CONNECT_TIMEOUT_MS + 1_000
}

export async function disconnectPrisma(): Promise<void> {
  const client = globalForPrisma.__lookbookPrisma
  globalForPrisma.__lookbookPrisma = undefined
  await client?.$disconnect()
}
