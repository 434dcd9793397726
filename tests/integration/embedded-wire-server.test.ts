// The embedded database's socket server: many clients, one Postgres session, and no client's
// statements ever landing inside another client's batch or transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { createWireServer, type WireServer } from '@/lib/db/embedded/wire-server'

let dir: string
let db: PGlite
let wire: WireServer
const clientConfig = () => ({ host: dir, port: 5432, user: 'postgres', database: 'postgres' })

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lookbook-wire-'))
  await mkdir(path.join(dir, 'limited'))
  // The idle limit is far beyond any test's time here: a test that finishes was not rescued by it.
  wire = createWireServer({ listen: { path: path.join(dir, '.s.PGSQL.5432') }, idleInTransactionMs: 600_000 })
  await wire.listening
  db = await PGlite.create()
  wire.attach(db)
  await db.exec('CREATE TABLE notes (id serial primary key, owner text not null, body text not null)')
})

afterAll(async () => {
  await wire.close()
  await db.close()
  await rm(dir, { recursive: true, force: true })
})

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

describe('embedded wire server', () => {
  it('answers each of many concurrent clients with its own result, even for large messages', async () => {
    // Parameters over 64 KB arrive in several socket reads: the case where a naive queue mixes
    // pieces of different clients' messages.
    const pool = new pg.Pool({ ...clientConfig(), max: 6 })
    try {
      const jobs = Array.from({ length: 60 }, (_, i) => {
        const payload = `${i}:`.padEnd(150_000 + i * 97, String.fromCharCode(97 + (i % 26)))
        return pool
          .query<{ digest: string }>("SELECT encode(sha256(convert_to($1::text, 'UTF8')), 'hex') AS digest", [payload])
          .then((result) => ({ expected: sha(payload), actual: result.rows[0]?.digest }))
      })
      const results = await Promise.all(jobs)
      expect(results.filter((r) => r.expected !== r.actual)).toEqual([])
    } finally {
      await pool.end()
    }
  })

  it('writes every row where its own client put it', async () => {
    const clients = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const client = new pg.Client(clientConfig())
        await client.connect()
        return client
      }),
    )
    try {
      await Promise.all(
        clients.map(async (client, c) => {
          for (let i = 0; i < 12; i++) {
            await client.query('INSERT INTO notes (owner, body) VALUES ($1, $2)', [
              `client-${c}`,
              `${c}`.repeat(90_000),
            ])
          }
        }),
      )
      const misplaced = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notes WHERE owner LIKE 'client-%' AND substr(body, 1, 1) <> substr(owner, 8, 1)",
      )
      const written = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM notes WHERE owner LIKE 'client-%'")
      expect(misplaced.rows[0]?.n).toBe(0)
      expect(written.rows[0]?.n).toBe(60)
    } finally {
      await Promise.all(clients.map((client) => client.end()))
    }
  })

  it('keeps a transaction whole: another client waits until it ends', async () => {
    const a = new pg.Client(clientConfig())
    const b = new pg.Client(clientConfig())
    await a.connect()
    await b.connect()
    try {
      await a.query('BEGIN')
      await a.query("INSERT INTO notes (owner, body) VALUES ('tx-a', 'first')")
      let bDone = false
      const bWrite = b.query("INSERT INTO notes (owner, body) VALUES ('tx-b', 'autocommit')").then(() => (bDone = true))
      await expect.poll(() => wire.waitingCount()).toBe(1) // b is queued for the session...
      expect(bDone).toBe(false) // ...and has not slipped into a's open transaction
      await a.query('ROLLBACK')
      await bWrite
      const rows = await db.query<{ owner: string }>("SELECT owner FROM notes WHERE owner LIKE 'tx-%' ORDER BY id")
      expect(rows.rows.map((r) => r.owner)).toEqual(['tx-b'])
    } finally {
      await a.end()
      await b.end()
    }
  })

  it('rolls back what a vanished client left open, and serves the others', async () => {
    const a = new pg.Client(clientConfig())
    await a.connect()
    await a.query('BEGIN')
    await a.query("INSERT INTO notes (owner, body) VALUES ('vanished', 'never committed')")
    // b queues behind a's open transaction (even its connection start-up waits for the turn).
    const b = new pg.Client(clientConfig())
    const bWrite = b.connect().then(() => b.query("INSERT INTO notes (owner, body) VALUES ('survivor', 'committed')"))
    await expect.poll(() => wire.waitingCount()).toBe(1)
    // Kill a's socket without a goodbye: that, not the (10-minute) idle limit, must free the session.
    a.on('error', () => undefined)
    ;(a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy()
    await bWrite
    const rows = await db.query<{ owner: string }>("SELECT owner FROM notes WHERE owner IN ('vanished', 'survivor')")
    expect(rows.rows.map((r) => r.owner)).toEqual(['survivor'])
    expect(db.isInTransaction()).toBe(false)
    await b.end()
  })

  it('recovers the session after a client fails mid-batch', async () => {
    const a = new pg.Client(clientConfig())
    await a.connect()
    await expect(a.query('SELECT * FROM no_such_table WHERE id = $1', [1])).rejects.toThrow(/no_such_table/)
    await expect(a.query('SELECT $1::int AS n', [7])).resolves.toMatchObject({ rows: [{ n: 7 }] })
    await a.end()
  })

  it('closes a connection that sits in a transaction past the limit', async () => {
    // A server of its own with a short limit, on a database of its own.
    const limited = createWireServer({
      listen: { path: path.join(dir, 'limited', '.s.PGSQL.5432') },
      idleInTransactionMs: 500,
    })
    const own = await PGlite.create()
    await own.exec('CREATE TABLE notes (id serial primary key, owner text not null, body text not null)')
    limited.attach(own)
    await limited.listening
    const config = { ...clientConfig(), host: path.join(dir, 'limited') }
    const a = new pg.Client(config)
    let aClosed = false
    a.on('error', () => undefined)
    a.on('end', () => (aClosed = true))
    const b = new pg.Client(config)
    try {
      await a.connect()
      await a.query('BEGIN')
      await a.query("INSERT INTO notes (owner, body) VALUES ('idle', 'x')")
      await b.connect() // waits for a's turn to end: the limit ends it
      await b.query("INSERT INTO notes (owner, body) VALUES ('after-idle', 'y')")
      await expect.poll(() => aClosed).toBe(true)
      const rows = await own.query<{ owner: string }>("SELECT owner FROM notes WHERE owner IN ('idle', 'after-idle')")
      expect(rows.rows.map((r) => r.owner)).toEqual(['after-idle'])
    } finally {
      await b.end()
      await limited.close()
      await own.close()
    }
  })
})
