// The two references the bench compares the Lookbook server with: the ceiling (ceiling-server.ts,
// serving the product page's bytes from memory) and Next's own `next start` of the same build.
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { freePort } from '../support/next-server'
import { browserHeaders } from './load-plan'

const ROOT = path.resolve(import.meta.dirname, '../..')

export type CapturedPage = { status: number; headers: Record<string, string>; body: Buffer }

// Hop-by-hop and per-answer headers the ceiling sets itself (or must not copy), and the front
// cache's own state, which would make the ceiling's answers count as that cache's.
const NOT_COPIED = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'x-lookbook-cache',
])

/** One page as a browser receives it: raw bytes, still compressed (fetch() would decompress). */
export function capturePage(baseUrl: string, pagePath: string): Promise<CapturedPage> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(pagePath, baseUrl), { headers: browserHeaders('page', 'GET') }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const headers: Record<string, string> = {}
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined && !NOT_COPIED.has(name))
            headers[name] = Array.isArray(value) ? value.join(', ') : value
        }
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) })
      })
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}

export type CeilingServer = { url: string; child: ChildProcess; stop: () => Promise<void> }

export async function startCeilingServer(page: CapturedPage, workDir: string, workers: number): Promise<CeilingServer> {
  const bodyFile = path.join(workDir, 'ceiling-body.bin')
  const configFile = path.join(workDir, 'ceiling.json')
  await writeFile(bodyFile, page.body)
  await writeFile(configFile, JSON.stringify({ headers: page.headers, bodyFile }))
  const port = await freePort()
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'ceiling-server.ts'), configFile, String(port), String(workers)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve())
    child.once('exit', (code) => reject(new Error(`the ceiling server exited with ${code}`)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}
