// The ceiling: a bare node:http server answering every request with one page's bytes from memory,
// with the headers the real server sent (Content-Encoding included). No routing, no rendering, no
// cache lookup: what Node itself can do on this machine, to compare the real server against.
// Run as its own process: argv[2] = a JSON file { headers, bodyFile }, argv[3] = port, argv[4] =
// worker processes (as many as the Lookbook server runs, so the comparison is like for like).
import cluster from 'node:cluster'
import http from 'node:http'
import { readFileSync } from 'node:fs'

const workers = Number(process.argv[4] ?? 1)
if (cluster.isPrimary && workers > 1) {
  let listening = 0
  for (let i = 0; i < workers; i++)
    cluster.fork().on('listening', () => ++listening === workers && console.log('listening'))
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill()
    process.exit(0)
  })
} else {
  serve()
}

function serve(): void {
  const { headers, bodyFile } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as {
    headers: Record<string, string>
    bodyFile: string
  }
  const body = readFileSync(bodyFile)
  const server = http.createServer((request, response) => {
    request.resume()
    response.writeHead(200, { ...headers, 'Content-Length': body.length })
    response.end(body)
  })
  server.keepAliveTimeout = 65_000
  server.listen(Number(process.argv[3]), '127.0.0.1', () => workers === 1 && console.log('listening'))
  process.on('SIGTERM', () => process.exit(0))
}
