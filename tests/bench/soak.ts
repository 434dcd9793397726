// The soak: the one-dyno model held for minutes — the server pinned to one core with one worker
// and its production memory settings, the campaign mix at a steady connection count. It answers
// the memory questions a single short run cannot: does a worker grow, does anything restart, and
// does each process stay under its budget (300 MB) and the whole server under a dyno's 512 MB.
import type { RunningServer } from '../support/next-server'
import type { RunContext } from './measure'
import { runMixOnOneCore, withOneCoreServer, type MixFigures } from './one-core'
import { commandOf, highWaterMarks, processTree, statusMb, totalMb, type ProcessPeak } from './process-memory'
import type { Scenario } from './scenarios'

export const SOAK_PROCESS_LIMIT_MB = 300
export const SOAK_SERVER_LIMIT_MB = 512

export type SoakSample = { atSeconds: number; rssMb: Record<string, number> }

export type SoakResult = MixFigures & {
  seconds: number
  /** Processes of the server that were not there at the start (a worker replaced after a crash). */
  restarts: number
  /** RSS of each process ("primary", "worker") over time. */
  samples: SoakSample[]
  /** VmHWM of each process at the end, and their sum. */
  highWaterMarks: ProcessPeak[]
  highWaterMarkTotalMb: number
  /** RSS of each process at the end: the "after 5 minutes" figure. */
  finalRssMb: Record<string, number>
  passed: boolean
}

function roleOf(pid: number, root: number): string {
  return pid === root ? 'primary' : `worker ${pid}`
}

export async function runSoak(
  mix: Scenario,
  startLookbook: (env: Record<string, string>) => Promise<RunningServer>,
  context: RunContext,
  log: (line: string) => void,
): Promise<SoakResult> {
  const { soakSeconds: seconds, soakConnections: connections } = context.options
  return withOneCoreServer(mix, startLookbook, {}, log, async (server, root) => {
    const startedWith = new Set(processTree(root))
    const started = Date.now()
    const samples: SoakSample[] = []
    const sample = () => {
      const rssMb: Record<string, number> = {}
      for (const pid of processTree(root)) rssMb[roleOf(pid, root)] = Math.round(statusMb(pid, 'VmRSS'))
      samples.push({ atSeconds: Math.round((Date.now() - started) / 1000), rssMb })
    }
    sample()
    const timer = setInterval(sample, 30_000)
    const { figures, clean } = await runMixOnOneCore(mix, server, context, seconds, connections).finally(() =>
      clearInterval(timer),
    )
    sample()
    const processes = processTree(root)
    const restarts = processes.filter((pid) => !startedWith.has(pid)).length
    const marks = highWaterMarks(root)
    const finalRssMb = samples[samples.length - 1]!.rssMb
    const passed =
      clean &&
      restarts === 0 &&
      Object.values(finalRssMb).every((mb) => mb <= SOAK_PROCESS_LIMIT_MB) &&
      totalMb(marks) <= SOAK_SERVER_LIMIT_MB
    log(
      `  soak, ${seconds} s at ${connections} connections: ${figures.requestsPerSecond} req/s, p99 ${figures.p99Ms} ms, ${figures.errors} errors, ${restarts} restarts, RSS at the end ${JSON.stringify(finalRssMb)}, VmHWM ${totalMb(marks)} MB${passed ? '' : ' — FAILED'}`,
    )
    return {
      ...figures,
      seconds,
      restarts,
      samples,
      highWaterMarks: marks.map((mark) => ({ ...mark, command: `${roleOf(mark.pid, root)}: ${commandOf(mark.pid)}` })),
      highWaterMarkTotalMb: totalMb(marks),
      finalRssMb,
      passed,
    }
  })
}
