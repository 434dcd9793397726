// Memory of a server and every process under it (a cluster primary and its workers, or `next
// start`): resident size sampled from /proc while a scenario runs, the highest kept per process.
// A memory limit cannot be enforced on these machines (cgroup limits are not), so a 512 MB dyno is
// modelled by comparing these peaks with 512 MB.
import { readFileSync, readdirSync } from 'node:fs'

export type ProcessPeak = { pid: number; command: string; peakRssMb: number }

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return '' // the process ended between listing and reading
  }
}

/** The pid and all its descendants, through every thread's children list. */
export function processTree(root: number): number[] {
  const pids: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    const pid = queue.shift()!
    if (!readOrEmpty(`/proc/${pid}/stat`)) continue
    pids.push(pid)
    let tasks: string[] = []
    try {
      tasks = readdirSync(`/proc/${pid}/task`)
    } catch {
      continue
    }
    for (const task of tasks) {
      for (const child of readOrEmpty(`/proc/${pid}/task/${task}/children`).split(' ').filter(Boolean))
        queue.push(Number(child))
    }
  }
  return pids
}

/** A VmRSS/VmHWM line of /proc/<pid>/status in MB, or 0 when the process is gone. */
export function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readOrEmpty(`/proc/${pid}/status`))
  return match ? Number(match[1]) / 1024 : 0
}

export function commandOf(pid: number): string {
  const words = readOrEmpty(`/proc/${pid}/cmdline`).split('\0').filter(Boolean)
  // "node …/next start -p 1234" → "next start"; keep it short for the table.
  const text = words.map((word) => word.split('/').pop()!).join(' ')
  return text.length > 60 ? `${text.slice(0, 57)}…` : text || readOrEmpty(`/proc/${pid}/comm`).trim()
}

export type MemorySampler = { stop: () => ProcessPeak[] }

/** Samples the tree every intervalMs until stop(); returns the highest RSS seen per process. */
export function sampleTreeMemory(root: number, intervalMs = 250): MemorySampler {
  const peaks = new Map<number, ProcessPeak>()
  const sample = () => {
    for (const pid of processTree(root)) {
      const rss = statusMb(pid, 'VmRSS')
      const known = peaks.get(pid)
      if (!known) peaks.set(pid, { pid, command: commandOf(pid), peakRssMb: rss })
      else known.peakRssMb = Math.max(known.peakRssMb, rss)
    }
  }
  sample()
  const timer = setInterval(sample, intervalMs)
  return {
    stop: () => {
      clearInterval(timer)
      sample()
      return [...peaks.values()].map((peak) => ({ ...peak, peakRssMb: Math.round(peak.peakRssMb) }))
    },
  }
}

/** The kernel's own high-water mark of each process in the tree (since it started). */
export function highWaterMarks(root: number): ProcessPeak[] {
  return processTree(root).map((pid) => ({
    pid,
    command: commandOf(pid),
    peakRssMb: Math.round(statusMb(pid, 'VmHWM')),
  }))
}

export function totalMb(peaks: ProcessPeak[]): number {
  return peaks.reduce((sum, peak) => sum + peak.peakRssMb, 0)
}
