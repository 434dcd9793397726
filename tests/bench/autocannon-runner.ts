// The load generator when wrk is missing: autocannon in a child process (see autocannon-child.ts).
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { countErrors, type LoadOptions, type LoadPlan, type LoadResult } from './load-plan'

const ROOT = path.resolve(import.meta.dirname, '../..')
const CHILD = path.join(import.meta.dirname, 'autocannon-child.ts')

type ChildResult = Omit<LoadResult, 'tool' | 'requestsPerSecond' | 'errors'>

export async function runAutocannon(plan: LoadPlan, options: LoadOptions, scriptDir: string): Promise<LoadResult> {
  if (plan.thinkMs)
    console.warn(`autocannon cannot pause between requests: "${plan.name}" runs without its think time (install wrk).`)
  const input = path.join(scriptDir, `${plan.name.replace(/[^a-z0-9]+/gi, '-')}.autocannon.json`)
  await writeFile(input, JSON.stringify({ plan, options }))
  const node = [process.execPath, '--import', 'tsx', CHILD, input]
  const [command, args] = options.cpus ? ['taskset', ['-c', options.cpus, ...node]] : [node[0]!, node.slice(1)]
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`autocannon exited with ${code}:\n${text}`)),
    )
  })
  const result = JSON.parse(output.trim().split('\n').pop()!) as ChildResult
  return {
    tool: 'autocannon',
    ...result,
    requestsPerSecond: result.requests / result.seconds,
    errors: countErrors(plan, result.statuses, result.socketErrors),
  }
}
