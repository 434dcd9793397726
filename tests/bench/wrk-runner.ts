// Runs wrk (C, its own process: the load generator must not share the event loop it measures)
// with the plan's Lua script, and reads its report: the --latency percentiles, socket errors and
// timeouts from the text, the status counts from the script's JSON line.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { countErrors, type LoadOptions, type LoadPlan, type LoadResult } from './load-plan'
import { RESULT_MARKER, wrkScript } from './wrk-script'

export const WRK = '/usr/bin/wrk'

export function wrkInstalled(): boolean {
  return existsSync(WRK)
}

export async function runWrk(plan: LoadPlan, options: LoadOptions, scriptDir: string): Promise<LoadResult> {
  const script = path.join(scriptDir, `${plan.name.replace(/[^a-z0-9]+/gi, '-')}.lua`)
  await writeFile(script, wrkScript(plan, options.runId))
  const threads = Math.min(options.threads, options.connections)
  const wrkArgs = [
    '-t',
    String(threads),
    '-c',
    String(options.connections),
    '-d',
    `${options.seconds}s`,
    '--latency',
    '--timeout',
    `${options.timeoutSeconds}s`,
    '-s',
    script,
    `${options.baseUrl}/`,
  ]
  const [command, args] = options.cpus ? ['taskset', ['-c', options.cpus, WRK, ...wrkArgs]] : [WRK, wrkArgs]
  const output = await capture(command, args)
  return parseWrkOutput(output, plan)
}

/** Runs a command to its end: what it printed (stdout and stderr), or why it failed. */
export function capture(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))))
  })
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }

function durationMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim())
  if (!match) throw new Error(`wrk: unreadable duration "${text}"`)
  return Math.round(Number(match[1]) * UNIT_MS[match[2]!]! * 1000) / 1000 // to the microsecond, without float noise
}

type ScriptResult = {
  statuses: Record<string, number>
  cache: Record<string, number>
  likes: number
  comments: number
  clicks: number
  sent: number
  answered: number
}

/** Reads wrk's text report (and the script's JSON line); exported for checking against samples. */
export function parseWrkOutput(output: string, plan: LoadPlan): LoadResult {
  const line = (pattern: RegExp) => {
    const match = pattern.exec(output)
    if (!match) throw new Error(`wrk output lacks ${pattern}:\n${output}`)
    return match
  }
  const percentile = (p: number) => durationMs(line(new RegExp(`^\\s+${p}%\\s+(\\S+)\\s*$`, 'm'))[1]!)
  const [, requests, seconds] = line(/(\d+) requests in ([\d.]+\w+),/)
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output)
  const socketErrors = {
    connect: Number(socket?.[1] ?? 0),
    read: Number(socket?.[2] ?? 0),
    write: Number(socket?.[3] ?? 0),
    timeout: Number(socket?.[4] ?? 0),
  }
  const json = output.split('\n').find((text) => text.startsWith(RESULT_MARKER))
  if (!json) throw new Error(`wrk output lacks the script's result line:\n${output}`)
  const script = JSON.parse(json.slice(RESULT_MARKER.length)) as ScriptResult
  // wrk's own count of answers with status > 399, kept as a cross-check of the script's counts.
  const non2xx3xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0)
  const scriptErrors = Object.entries(script.statuses)
    .filter(([status]) => Number(status) > 399)
    .reduce((sum, [, n]) => sum + n, 0)
  if (scriptErrors !== non2xx3xx)
    console.warn(`  (wrk counted ${non2xx3xx} answers over 399, the script ${scriptErrors})`)
  return {
    tool: 'wrk',
    requests: Number(requests),
    seconds: durationMs(seconds!) / 1000,
    requestsPerSecond: Number(line(/Requests\/sec:\s+([\d.]+)/)[1]),
    latencyMs: {
      p50: percentile(50),
      p90: percentile(90),
      p99: percentile(99),
      max: durationMs(line(/^\s+Latency\s+\S+\s+\S+\s+(\S+)/m)[1]!),
    },
    statuses: script.statuses,
    cacheStates: script.cache,
    accepted: { like: script.likes, comment: script.comments, click: script.clicks },
    unanswered: Math.max(0, script.sent - script.answered),
    socketErrors,
    errors: countErrors(plan, script.statuses, socketErrors),
  }
}
