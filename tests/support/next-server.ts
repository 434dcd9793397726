// A production build (`next build`, into .next-test) and a `next start` on a free port, for the
// browser tests. The build is reused while no source changed since it was made.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cp, mkdir, rm } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { buildIsCurrent } from '@/lib/cli/build-freshness'
import { ROOT } from './test-env'

export const TEST_DIST_DIR = '.next-test'
const OUTPUT_KEPT_BYTES = 32 * 1024 * 1024
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next')
/** What `npm start` runs: the server entry `npm run build` compiled into the build folder. */
const SERVER_ENTRY = [path.join(ROOT, 'lib/server/start.mjs')]

/** As app.json generates one for a Heroku app: the builds and the servers under test share it. */
export const TEST_SERVER_ACTIONS_SECRET = 'test-server-actions-secret-0123456789abcdef'

/** `next build` into `distDir`, with these settings over the test process's environment. */
export function nextBuild(distDir: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      SERVER_ACTIONS_SECRET: TEST_SERVER_ACTIONS_SECRET,
      ...env,
    },
    encoding: 'utf8',
    timeout: 600_000,
  })
}

/** Builds once per change; test files running in parallel wait for the one that builds. */
export async function ensureProductionBuild(): Promise<void> {
  const lock = path.join(ROOT, `${TEST_DIST_DIR}.lock`)
  const deadline = Date.now() + 600_000
  while (true) {
    try {
      await mkdir(lock)
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`Waited too long for ${lock}: remove it if no test run is building.`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  try {
    if (await buildIsCurrent(ROOT, TEST_DIST_DIR)) return
    const result = nextBuild(TEST_DIST_DIR, { DATABASE_URL: '', DATA_DIR: '/nonexistent/build-has-no-database' })
    if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`)
    const bundled = spawnSync(process.execPath, [path.join(ROOT, 'lib/server/bundle.mjs')], {
      cwd: ROOT,
      env: { ...process.env, NEXT_DIST_DIR: TEST_DIST_DIR },
      encoding: 'utf8',
    })
    if (bundled.status !== 0)
      throw new Error(`compiling the server entry failed:\n${bundled.stdout}\n${bundled.stderr}`)
  } finally {
    await rm(lock, { recursive: true, force: true })
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/**
 * For a test file (call it before the hooks that start servers): a copy of the test build under
 * `name`, made before its tests and removed after them — after the servers using it have stopped.
 */
export function useBuildCopy(name: string): void {
  beforeAll(async () => {
    await ensureProductionBuild()
    await copyProductionBuild(name)
  }, 600_000)
  afterAll(async () => {
    await rm(path.join(ROOT, name), { recursive: true, force: true })
  })
}

export type RunningServer = {
  url: string
  child: ChildProcess
  output: string[]
  stop: () => Promise<void>
  /** SIGKILL to every process of the server at once, as a crashing dyno or a kernel's OOM killer. */
  crash: () => Promise<void>
}

/**
 * A copy of the test build in a folder of its own: an instance with its own disk cache, as each
 * Heroku dyno has. Returns the folder's name (relative to the project, like NEXT_DIST_DIR).
 */
export async function copyProductionBuild(name: string): Promise<string> {
  const target = path.join(ROOT, name)
  await rm(target, { recursive: true, force: true })
  await cp(path.join(ROOT, TEST_DIST_DIR), target, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}route-cache`) && !source.includes(`${path.sep}cache${path.sep}`),
  })
  return name
}

export type ServerOptions = {
  /** Start with an empty ISR cache (default: yes; each test file has its own data). */
  emptyCache?: boolean
  /** The build folder, relative to the project (default: the test build). */
  distDir?: string
  /**
   * `lookbook`: the production server entry (`npm start`: front cache, worker processes);
   * `next-start`: Next's own `next start`, for comparing against it.
   */
  entry?: 'lookbook' | 'next-start'
  /** Run in a process group of its own, for crash(). */
  crashable?: boolean
  /** The port to serve on (default: a free one). */
  port?: number
}

/** Starts the production server on the test build. */
export async function startNext(env: Record<string, string>, options: ServerOptions = {}): Promise<RunningServer> {
  const distDir = options.distDir ?? TEST_DIST_DIR
  if (options.emptyCache !== false) {
    // Pages and data cached by an earlier run (on another database) must not be served to this one.
    await rm(path.join(ROOT, distDir, 'server/route-cache'), { recursive: true, force: true })
    await rm(path.join(ROOT, distDir, 'cache/fetch-cache'), { recursive: true, force: true })
  }
  const port = options.port ?? (await freePort())
  const command = options.entry === 'next-start' ? [NEXT_BIN, 'start', '-p', String(port)] : SERVER_ENTRY
  const child = spawn(process.execPath, command, {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      HASH_SALT: 'test-salt-0123456789abcdef',
      SERVER_ACTIONS_SECRET: TEST_SERVER_ACTIONS_SECRET,
      PORT: String(port),
      SITE_URL: `http://localhost:${port}`,
      WEB_CONCURRENCY: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so crash() can kill the primary and its workers together. (Only when
    // asked: a server in the test's group also gets the Ctrl-C that stops the test run.)
    detached: options.crashable === true,
  })
  // Everything the server printed, a line per request included, up to a bound: a bench minute at
  // thousands of requests a second would otherwise keep hundreds of MB here. The oldest goes first.
  const output: string[] = []
  let kept = 0
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString())
    kept += chunk.length
    while (kept > OUTPUT_KEPT_BYTES && output.length > 1) kept -= output.shift()!.length
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // localhost, not 127.0.0.1: browsers keep Secure cookies (production mode) only on localhost over http.
  const url = `http://localhost:${port}`
  const deadline = Date.now() + 60_000
  while (true) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${output.join('')}`)
    const ok = await fetch(`${url}/api/ready`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) throw new Error(`The server did not answer:\n${output.join('')}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return {
    url,
    child,
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
    crash: async () => {
      if (!options.crashable) throw new Error('Start the server with { crashable: true } to crash it.')
      process.kill(-child.pid!, 'SIGKILL')
      await exited
    },
  }
}
