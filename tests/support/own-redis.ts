// A Redis server of the test's own, for tests that stop it or load it: /usr/bin/redis-server on a
// free port, no persistence, its files in a temporary folder. Never the machine's shared Redis,
// which other tests and engineers use: stopping or filling that one would break their runs.
// With `tls`, it speaks TLS only, with a self-signed certificate made by openssl: Heroku Redis's shape.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { vi } from 'vitest'
import { freePort } from './next-server'

const REDIS_SERVER = '/usr/bin/redis-server'

/** CI installs Redis's server; elsewhere a test needs the binary (not a running server). */
export const canRunOwnRedis = Boolean(process.env.CI) || existsSync(REDIS_SERVER)

export type OwnRedis = {
  /** redis://127.0.0.1:<port> (rediss:// with `tls`), for REDIS_URL. */
  url: string
  /** The server's process id while it runs. */
  pid: () => number | undefined
  /** Starts it (again, on the same port) and waits until it answers PING. */
  start: () => Promise<void>
  /** SIGKILL: an outage, not a polite shutdown. */
  stop: () => Promise<void>
  /** Stops it if it runs and removes its folder. */
  remove: () => Promise<void>
}

/** Starts a Redis of the test's own on a free port. */
export async function createOwnRedis(options: { tls?: boolean } = {}): Promise<OwnRedis> {
  const port = await freePort()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lookbook-redis-'))
  let child: ChildProcess | undefined
  const listen = options.tls ? tlsOnly(dir, port) : ['--port', String(port)]
  const cli = options.tls ? ['--tls', '--insecure', '-p', String(port)] : ['-p', String(port)]

  const redis: OwnRedis = {
    url: `${options.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
    pid: () => child?.pid,
    async start() {
      // A second server on the port would fail to bind while the first, forgotten here, ran on.
      if (child && child.exitCode === null && child.signalCode === null)
        throw new Error(`redis-server on ${port} is running already: stop() it first`)
      child = spawn(
        REDIS_SERVER,
        [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        { stdio: 'ignore' },
      )
      await vi.waitFor(
        () => {
          const answer = spawnSync('redis-cli', [...cli, 'ping'], { encoding: 'utf8' }).stdout.trim()
          if (answer !== 'PONG') throw new Error(`redis-server on ${port} is not up yet`)
        },
        { timeout: 10_000, interval: 50 },
      )
    },
    async stop() {
      const stopping = child
      child = undefined
      if (!stopping || stopping.exitCode !== null || stopping.signalCode !== null) return
      const exited = new Promise((resolve) => stopping.once('exit', resolve))
      stopping.kill('SIGKILL')
      await exited
    },
    async remove() {
      await redis.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
  await redis.start()
  return redis
}

/** A self-signed certificate (no authority anyone trusts signed it) and the arguments to serve TLS only. */
function tlsOnly(dir: string, port: number): string[] {
  const [cert, key] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')]
  const generated = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=redis-test',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  )
  if (generated.status !== 0) throw new Error(`openssl could not make a certificate: ${generated.stderr}`)
  // Clients are not asked for certificates of their own, as on Heroku.
  return [
    '--port',
    '0',
    '--tls-port',
    String(port),
    '--tls-cert-file',
    cert,
    '--tls-key-file',
    key,
    '--tls-auth-clients',
    'no',
  ]
}
