// node-postgres pool for the embedded database. Every new connection first makes sure some
// process owns the database (./owner.ts), so when the owner exits, the next query of a former
// client makes that client the owner instead of failing.
import pg from 'pg'
import path from 'node:path'
import { ensureEmbeddedDatabase, EMBEDDED_PORT } from './owner'

export function createEmbeddedPool(dataDir: string, max: number): pg.Pool {
  const directory = path.resolve(dataDir)

  // pg.Pool calls connect() with a callback; both forms are kept working.
  class EmbeddedClient extends pg.Client {}
  const connect = pg.Client.prototype.connect
  EmbeddedClient.prototype.connect = function (
    this: pg.Client,
    callback?: (error: Error | null, client?: pg.Client) => void,
  ) {
    const connected = ensureEmbeddedDatabase(directory)
      .then(() => (connect as () => Promise<unknown>).call(this))
      .then(() => this)
    if (!callback) return connected
    connected.then(
      (client) => callback(null, client),
      (error: Error) => callback(error),
    )
  } as pg.Client['connect']

  return new pg.Pool({
    Client: EmbeddedClient,
    host: directory, // a directory: node-postgres connects to DIR/.s.PGSQL.PORT
    port: EMBEDDED_PORT,
    user: 'postgres',
    database: 'postgres',
    max,
    // Idle connections are cheap here, but closing them lets an exiting owner go quickly.
    idleTimeoutMillis: 5_000,
  })
}
