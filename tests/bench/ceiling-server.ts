// The ceiling: a bare node:http server answering every request with one page's bytes from memory,
// with the headers the real server sent (Content-Encoding included). No routing, no rendering, no
// cache lookup: what Node itself can do on this machine, to compare the real server against.
// Run as its own process: argv[2] = a JSON file { headers, bodyFile }, argv[3] = port.
import http from 'node:http'
import { readFileSync } from 'node:fs'

const { headers, bodyFile } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { headers: Record<string, string>; bodyFile: string }
const body = readFileSync(bodyFile)
const server = http.createServer((request, response) => {
  request.resume()
  response.writeHead(200, { ...headers, 'Content-Length': body.length })
  response.end(body)
})
server.keepAliveTimeout = 65_000
server.listen(Number(process.argv[3]), '127.0.0.1', () => console.log('listening'))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
