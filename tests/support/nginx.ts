// An nginx of a test's own: Debian's binary with a server block the test gives (a guide's own, say)
// inside a minimal main configuration whose pid, logs and temporary files stay in one folder. Not
// the system's nginx, its configuration or its port 80.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'

const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx']

export function nginxBinary(): string | undefined {
  return NGINX_CANDIDATES.find((file) => existsSync(file))
}

export type RunningNginx = { errorLog: string; stop: () => Promise<void> }

/**
 * Starts nginx with `serverBlock` (what goes in a sites-available file) in `folder`. As Debian's
 * own configuration does, its workers run as www-data: they read static files as that user.
 */
export async function startNginx(folder: string, serverBlock: string, port: number): Promise<RunningNginx> {
  const nginx = nginxBinary()
  if (!nginx) throw new Error(`nginx is not installed (${NGINX_CANDIDATES.join(' or ')}): apt-get install nginx-light`)
  await mkdir(folder, { recursive: true })
  const file = (name: string) => path.join(folder, name)
  const config = `user www-data;
worker_processes 1;
pid ${file('nginx.pid')};
error_log ${file('error.log')};
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${file('access.log')};
  client_body_temp_path ${file('client-body')};
  proxy_temp_path ${file('proxy')};
  fastcgi_temp_path ${file('fastcgi')};
  uwsgi_temp_path ${file('uwsgi')};
  scgi_temp_path ${file('scgi')};
${serverBlock}
}
`
  await writeFile(file('nginx.conf'), config)
  const errorLog = file('error.log')
  // -e: nginx writes to its built-in error log before it reads the configuration, unless told.
  const args = ['-e', errorLog, '-p', folder, '-c', file('nginx.conf')]
  const checked = spawnSync(nginx, [...args, '-t'], { encoding: 'utf8' })
  if (checked.status !== 0) throw new Error(`nginx refuses the configuration:\n${checked.stderr}\n${config}`)
  const child: ChildProcess = spawn(nginx, [...args, '-g', 'daemon off;'], { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const deadline = Date.now() + 10_000
  while (!(await tcpAnswers(port))) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`nginx did not start:\n${await readFile(errorLog, 'utf8').catch(() => '')}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    errorLog,
    stop: async () => {
      // SIGQUIT: a graceful stop, as `nginx -s quit`.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT')
      await exited
    },
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function tcpAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

export type LocalRequest = { method?: string; headers?: Record<string, string>; body?: string }

/**
 * A request to 127.0.0.1:`port` with Node's own client, which keeps repeated headers apart (fetch
 * joins them): `headerValues` gives every value a header was sent with, once per header line.
 */
export function localRequest(port: number, pathname: string, options: LocalRequest = {}) {
  return new Promise<{
    status: number
    headers: http.IncomingHttpHeaders
    headerValues: (name: string) => string[]
    body: string
  }>((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const raw = response.rawHeaders // name, value, name, value, ...
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            headerValues: (name) => raw.filter((_, i) => i % 2 === 1 && raw[i - 1]!.toLowerCase() === name),
            body: Buffer.concat(chunks).toString(),
          })
        })
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}
