// An environment file read the two ways a plain server reads it: by systemd for the service
// (EnvironmentFile=) and by a shell for the build and the commands (`set -a; . file; set +a`).
//
// systemd is not PID 1 in tests, but its environment.d generator parses files with the parser
// EnvironmentFile= uses (load_env_file's), keeping what systemd keeps: a `# comment` after a value
// stays in the value. The generator also expands `$NAME`, which EnvironmentFile= does not: it stands
// in for systemd only for files without `$`, which envFileAsSystemdReadsIt refuses.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

export const SYSTEMD_ENV_GENERATOR = '/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator'

export function systemdEnvGeneratorAvailable(): boolean {
  return existsSync(SYSTEMD_ENV_GENERATOR)
}

type Env = Record<string, string>

/** A child's environment of exactly these variables (Next's types want NODE_ENV in every one). */
export function exactEnv(env: Env): NodeJS.ProcessEnv {
  return env as NodeJS.ProcessEnv
}

/** What the generator prints for `configHome`: the machine's own environment.d files, and ours. */
function generatorOutput(configHome: string): Env {
  const run = spawnSync(SYSTEMD_ENV_GENERATOR, [], { env: exactEnv({ XDG_CONFIG_HOME: configHome }), encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`${SYSTEMD_ENV_GENERATOR} failed: ${run.stderr}`)
  const env: Env = {}
  for (const line of run.stdout.split('\n').filter(Boolean)) {
    const at = line.indexOf('=')
    env[line.slice(0, at)] = unquote(line.slice(at + 1))
  }
  return env
}

/** The generator prints a value with spaces or specials in double quotes, backslash-escaped. */
function unquote(value: string): string {
  if (!value.startsWith('"')) return value
  if (!value.endsWith('"') || value.length < 2) throw new Error(`Unexpected quoting from the generator: ${value}`)
  return value.slice(1, -1).replace(/\\(.)/g, '$1')
}

/** What was added or changed in `after` compared with `before`. */
function added(before: Env, after: Env): Env {
  return Object.fromEntries(Object.entries(after).filter(([name, value]) => before[name] !== value))
}

/** The variables systemd's EnvironmentFile= would give a service from `file`. */
export async function envFileAsSystemdReadsIt(file: string): Promise<Env> {
  if ((await readFile(file, 'utf8')).includes('$'))
    throw new Error(`${file} has a "$": the generator would expand it, EnvironmentFile= would not.`)
  const folder = await mkdtemp(path.join(os.tmpdir(), 'lookbook-environment-d-'))
  try {
    const empty = path.join(folder, 'empty')
    const ours = path.join(folder, 'ours')
    await mkdir(path.join(empty, 'environment.d'), { recursive: true })
    await mkdir(path.join(ours, 'environment.d'), { recursive: true })
    // Last in name order, so that no environment.d file of this machine overrides it.
    await copyFile(file, path.join(ours, 'environment.d', 'zz-under-test.conf'))
    return added(generatorOutput(empty), generatorOutput(ours))
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/** Every variable of a bash started with nothing, after `script`. */
function bashEnvironment(script: string, file: string): Env {
  const run = spawnSync('bash', ['-c', `${script}exec env -0`, 'bash', file], { env: exactEnv({}), encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`bash failed reading ${file}: ${run.stderr}`)
  const env: Env = {}
  for (const entry of run.stdout.split('\0').filter(Boolean)) {
    const at = entry.indexOf('=')
    env[entry.slice(0, at)] = entry.slice(at + 1)
  }
  return env
}

/** The variables `set -a; . file; set +a` gives a shell (and the commands it runs) from `file`. */
export function envFileAsShellReadsIt(file: string): Env {
  return added(bashEnvironment('', file), bashEnvironment('set -a; . "$1"; set +a; ', file))
}
