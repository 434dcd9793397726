// The one Prisma client of the process, shared on globalThis so development reloads reuse it.
// Only lib/data (and the seed) import this.
import { PrismaPg } from '@prisma/adapter-pg'
import { Prisma, PrismaClient } from './generated/client'
import { databasePool } from './pool'

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
  })
  return globalForPrisma.__lookbookPrisma
}

export async function disconnectPrisma(): Promise<void> {
  const client = globalForPrisma.__lookbookPrisma
  globalForPrisma.__lookbookPrisma = undefined
  await client?.$disconnect()
}
