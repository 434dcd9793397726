// Running one of our commands (lib/cli/*.ts) in a process of its own, as `npm run <command>` does.
// Asynchronous on purpose: on the embedded database the test process owns the database, and a
// synchronous spawn would stop it answering the very command it waits for.
import { spawn } from 'node:child_process'
import { ROOT } from './test-env'

export type CommandResult = { status: number | null; stdout: string; stderr: string; /** both, in order */ out: string }

export function runCommand(
  file: string,
  args: string[],
  env: Record<string, string>,
  options: { home?: string } = {},
): Promise<CommandResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', file, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: options.home ?? process.env.HOME ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const result: CommandResult = { status: null, stdout: '', stderr: '', out: '' }
  child.stdout.on('data', (chunk: Buffer) => {
    result.stdout += chunk.toString()
    result.out += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    result.stderr += chunk.toString()
    result.out += chunk.toString()
  })
  return new Promise((resolve) => child.on('exit', (status) => resolve({ ...result, status })))
}
