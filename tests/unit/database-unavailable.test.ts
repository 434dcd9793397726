// Which errors count as "the database is away" (answered 503, try again) and which are bugs or
// bad requests that must stay what they are. The shapes are those node-postgres and Prisma throw.
import { describe, expect, it } from 'vitest'
import { Prisma } from '@/lib/db/client'
import { isDatabaseUnavailable } from '@/lib/data/unavailable'

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' })
const prismaError = (code: string, cause?: unknown) =>
  Object.assign(new Prisma.PrismaClientKnownRequestError('prisma says no', { code, clientVersion: '7' }), { cause })
/** Prisma's "database error" for a server code it has no code of its own for: the code is in meta only. */
const prismaDatabaseError = (code: string) =>
  new Prisma.PrismaClientKnownRequestError(`Database error. Code: \`${code}\``, {
    code: 'P2039',
    clientVersion: '7',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'postgres', code, severity: 'FATAL' } } },
  })

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a full pool', new Error('timeout exceeded when trying to connect')],
    ["Prisma's cannot reach", prismaError('P1001')],
    ["Prisma's closed connection", prismaError('P1017')],
    ['a wrapped cause', new Error('query failed', { cause: pgError('08006', 'connection failure') })],
    ['a full disk', pgError('53100', 'could not extend file "base/5/16612": No space left on device')],
    ["Prisma's database error for a server starting up", prismaDatabaseError('57P03')],
    [
      'a transaction that got no connection in time',
      new Prisma.PrismaClientKnownRequestError(
        'Transaction API error: Unable to start a transaction in the given time.',
        {
          code: 'P2028',
          clientVersion: '7',
        },
      ),
    ],
  ])('%s is an outage', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true)
  })

  it.each([
    ['a unique constraint', prismaError('P2002')],
    ['a record not found', prismaError('P2025')],
    ['a syntax error', pgError('42601', 'syntax error at or near "SELEC"')],
    ['a NUL byte refused', pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')],
    ["Prisma's database error for a syntax error", prismaDatabaseError('42601')],
    [
      'a transaction that ran too long',
      new Prisma.PrismaClientKnownRequestError(
        'Transaction API error: Transaction already closed: A commit cannot be executed on an expired transaction.',
        { code: 'P2028', clientVersion: '7' },
      ),
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'slug')")],
    ['not an error at all', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s is not', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false)
  })
})
