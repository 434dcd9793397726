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

  // The owner can exit between a client's check that it is there and the connection itself (a CLI
  // command finishing while a longer one still works): the socket is then gone (ENOENT) or refuses
  // (ECONNREFUSED). Asking again makes this process find the new owner or become it.
  type Done = (release?: Error | boolean) => void
  class EmbeddedPool extends pg.Pool {
    override connect(): Promise<pg.PoolClient>
    override connect(callback: (error: Error | undefined, client: pg.PoolClient | undefined, done: Done) => void): void
    override connect(
      callback?: (error: Error | undefined, client: pg.PoolClient | undefined, done: Done) => void,
    ): Promise<pg.PoolClient> | void {
      const attempt = async (retriesLeft: number): Promise<pg.PoolClient> => {
        try {
          return await super.connect()
        } catch (error) {
          if (retriesLeft === 0 || !ownerVanished(error)) throw error
          await new Promise((resolve) => setTimeout(resolve, 100))
          return attempt(retriesLeft - 1)
        }
      }
      const connected = attempt(10)
      if (!callback) return connected
      connected.then(
        (client) => callback(undefined, client, (release) => client.release(release)),
        (error: Error) => callback(error, undefined, () => undefined),
      )
    }
  }

  return new EmbeddedPool({
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

function ownerVanished(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code
  return code === 'ENOENT' || code === 'ECONNREFUSED'
}
