// docs/deploy-server.md as a test runs it (tests/deploys/deploy-server-guide.test.ts): its blocks found
// by their content, its placeholders filled in for a scratch root, its commands run by bash as the
// guide's root shell would, and the stand-ins for what cannot run in a test.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'vitest'
import { exactEnv } from './env-files'
import { blockContaining, commandLines, type CodeBlock } from './markdown-blocks'
import { ROOT } from './test-env'

export const GUIDE = readFileSync(path.join(ROOT, 'docs/deploy-server.md'), 'utf8')
/** The guide's `lookbook` user, under a name no real deploy uses. */
export const SERVICE_USER = 'lookbook-test'
/** The PATH systemd gives a service, and the one the guide's root shell has. */
export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** The guide's blocks, each found by a line of its own. */
export const guideBlock = {
  accounts: () => blockContaining(GUIDE, 'adduser '),
  settings: () => blockContaining(GUIDE, 'DATABASE_URL=postgresql://'),
  build: () => blockContaining(GUIDE, 'npm run build:standalone'),
  release: () => blockContaining(GUIDE, 'cp -a .next/standalone'),
  unit: () => blockContaining(GUIDE, '[Service]'),
  start: () => blockContaining(GUIDE, 'systemctl enable --now'),
  nginx: () => blockContaining(GUIDE, 'upstream lookbook'),
  doctor: () => blockContaining(GUIDE, 'npm run doctor'),
}

/** Where the guide's placeholders point in this run. */
export type Scratch = {
  root: string
  serverPort: number
  nginxPort: number
  databaseUrl: string
  hashSalt: string
  serverActionsSecret: string
  /** The Node the unit's ExecStart names, where the service user can run it. */
  node: string
}

/** The guide's text with its placeholders filled in for `scratch`. */
export function localized(text: string, scratch: Scratch): string {
  return text
    .replaceAll('/srv/lookbook/src', path.join(scratch.root, 'src'))
    .replaceAll('/srv/lookbook', path.join(scratch.root, 'srv/lookbook'))
    .replaceAll('/etc/lookbook.env', path.join(scratch.root, 'etc/lookbook.env'))
    .replaceAll('postgresql://lookbook:PASSWORD@127.0.0.1:5432/lookbook', scratch.databaseUrl)
    .replaceAll('https://lookbook.example.com', `http://127.0.0.1:${scratch.nginxPort}`)
    .replace(/^PORT=3000\b/m, `PORT=${scratch.serverPort}`)
    .replace(/\b(127\.0\.0\.1|localhost):3000\b/g, `$1:${scratch.serverPort}`)
    .replace(/^(\s*listen) 80;/m, `$1 127.0.0.1:${scratch.nginxPort};`)
    .replace(/^HASH_SALT=\.\.\./m, `HASH_SALT=${scratch.hashSalt}`)
    .replace(/^SERVER_ACTIONS_SECRET=\.\.\./m, `SERVER_ACTIONS_SECRET=${scratch.serverActionsSecret}`)
    .replace(/\b(chown (?:-R )?)lookbook:/g, `$1${SERVICE_USER}:`)
    .replace(/-u lookbook\b/g, `-u ${SERVICE_USER}`)
    .replace(/^(adduser .*) lookbook$/m, `$1 ${SERVICE_USER}`)
    .replace(/^User=lookbook$/m, `User=${SERVICE_USER}`)
    .replace(/^ExecStart=\/usr\/bin\/node\b/m, `ExecStart=${scratch.node}`)
}

/** The test runs the guide's commands as root: every absolute path in them must be in the scratch root. */
function expectScratchOnly(script: string, scratch: Scratch) {
  for (const [, found] of script.matchAll(/(?:^|[\s"'=])(\/[^\s"';&|)]*)/g))
    expect(found!.startsWith(`${scratch.root}/`), `${found} in:\n${script}`).toBe(true)
}

export type Run = { status: number | null; out: string }

/** A bash script (stopping at the first failure) with the root shell's few variables. */
export function runBash(script: string, cwd: string, scratch: Scratch, timeoutMs: number): Promise<Run> {
  expectScratchOnly(script, scratch)
  const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], {
    cwd,
    env: exactEnv({
      PATH: `${path.dirname(scratch.node)}:${SYSTEM_PATH}`,
      HOME: os.homedir(),
      // `git rev-parse` in the copy of the work tree answers for this repository.
      GIT_DIR: path.join(ROOT, '.git'),
      NEXT_TELEMETRY_DISABLED: '1',
      npm_config_update_notifier: 'false',
      // tsx's cache and the build's temporary files, gone with the scratch root.
      TMPDIR: path.join(scratch.root, 'tmp'),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  return new Promise((resolve) =>
    child.on('exit', (status) => {
      clearTimeout(timer)
      resolve({ status, out })
    }),
  )
}

/**
 * Runs a block's lines in one shell, except the ones the test stands in for (each matched by how it
 * begins, and each must be there once: a changed guide must change the test too).
 */
export function runGuideBlock(code: CodeBlock, standIns: string[], cwd: string, scratch: Scratch, timeoutMs = 120_000) {
  const lines = commandLines(code)
  for (const standIn of standIns)
    expect(
      lines.filter((line) => line.startsWith(standIn)),
      `"${standIn}" in:\n${code.text}`,
    ).toHaveLength(1)
  const script = lines.filter((line) => !standIns.some((standIn) => line.startsWith(standIn))).join('\n')
  return runBash(localized(script, scratch), cwd, scratch, timeoutMs)
}

/** The [Service] settings of a unit file. */
export function serviceSettings(unit: string): Record<string, string> {
  const section = unit.slice(unit.indexOf('[Service]'), unit.indexOf('[Install]'))
  return Object.fromEntries(
    section
      .split('\n')
      .filter((line) => /^\w+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()]),
  )
}

export type Account = { uid: number; gid: number; home: string; shell: string }

export function account(name: string): Account | undefined {
  const entry = spawnSync('getent', ['passwd', name], { encoding: 'utf8' }).stdout.trim()
  if (!entry) return undefined
  const fields = entry.split(':')
  return { uid: Number(fields[2]), gid: Number(fields[3]), home: fields[5]!, shell: fields[6]! }
}

export function removeServiceUser() {
  if (account(SERVICE_USER)) spawnSync('deluser', ['--system', SERVICE_USER], { encoding: 'utf8' })
  if (spawnSync('getent', ['group', SERVICE_USER]).status === 0) spawnSync('delgroup', ['--system', SERVICE_USER])
}
