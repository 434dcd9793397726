// Several processes logging to one pipe, as a server's workers share Heroku's or journald's: every
// line arrives whole, none is lost, even while the reader is slow and the pipe is full.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/test-env'

describe('the batched log output', () => {
  it('keeps every line whole and complete with three writers on one slow pipe', { timeout: 60_000 }, async () => {
    const writer = path.join(ROOT, 'tests/support/log-writer.ts')
    const node = `"${process.execPath}" --import tsx "${writer}"`
    const shell = spawn('sh', ['-c', `${node} a 6000 & ${node} b 6000 & ${node} c 6000 & wait`], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let text = ''
    let reads = 0
    shell.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      // A slow reader now and then: the pipe fills and the writers must wait, not tear lines.
      if (++reads % 20 === 0) {
        shell.stdout.pause()
        setTimeout(() => shell.stdout.resume(), 30)
      }
    })
    // 'close', not 'exit': the pipe may still hold lines when the shell ends.
    const code = await new Promise((resolve) => shell.on('close', resolve))
    expect(code).toBe(0)
    const lines = text.split('\n').filter((line) => line !== '')
    const torn = lines.filter((line) => {
      try {
        JSON.parse(line)
        return false
      } catch {
        return true
      }
    })
    expect(torn.map((line) => line.slice(0, 300))).toEqual([])
    for (const name of ['a', 'b', 'c']) {
      const seen = lines
        .map((line) => JSON.parse(line) as { writer: string; n: number })
        .filter((e) => e.writer === name)
      expect(seen.map((e) => e.n)).toEqual(Array.from({ length: 6000 }, (_, n) => n))
    }
  })
})
