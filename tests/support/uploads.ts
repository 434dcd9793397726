// Editors' uploads as the admin's browser makes them, through the real route handlers (start, PUT,
// complete), and what they leave behind: rows, audit events, objects in the local storage folder
// or in a real S3-compatible bucket (s3rver). Shared by the upload test files.
import { afterAll, beforeAll } from 'vitest'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { NextRequest } from 'next/server'
import sharp from 'sharp'
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { prisma } from '@/lib/db/client'
import { SESSION_COOKIE } from '@/lib/auth/session-cookie'
import { createSession, type SignedInEditor } from '@/lib/data/admin/sessions'
import { resetSettingsForTests } from '@/lib/env'
import { resetMediaStorageForTests } from '@/lib/storage'
import { POST as startRoute } from '@/app/api/admin/uploads/route'
import { PUT as putRoute } from '@/app/api/admin/uploads/[id]/route'
import { POST as completeRoute } from '@/app/api/admin/uploads/[id]/complete/route'
import type { FreshDatabase } from './database'
import { actingEditor } from './editors'
import { s3Environment, startS3Server, type TestS3 } from './s3-server'
import { sizeKeysOf } from '@/lib/media/image-sizes'

export const png = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 90 } } })
    .png()
    .toBuffer()

/** A PNG no other call makes (a different width and colour per seed), so it gets a row of its own. */
export const uniquePng = (seed: number) =>
  sharp({ create: { width: 40 + seed, height: 30, channels: 3, background: { r: seed % 255, g: 90, b: 40 } } })
    .png()
    .toBuffer()

/** An original's key with the keys of the sizes made of it at these widths, sorted as buckets list them. */
export const withSizesOf = (key: string, widths: number[]): string[] => [key, ...sizeKeysOf(key, widths)].sort()

export function request(
  method: string,
  path: string,
  options: { json?: unknown; body?: Buffer; cookie?: string } = {},
): NextRequest {
  const headers: Record<string, string> = {}
  if (options.cookie) headers.cookie = options.cookie
  if (options.json !== undefined) headers['content-type'] = 'application/json'
  const body =
    options.json !== undefined ? JSON.stringify(options.json) : options.body ? new Uint8Array(options.body) : undefined
  return new NextRequest(`http://localhost${path}`, { method, headers, body })
}

export const params = (id: string) => ({ params: Promise.resolve({ id }) })

/** An editor with a session, and the cookie a browser would send for it. */
export async function signedInEditor(email: string): Promise<{ editor: SignedInEditor; cookie: string }> {
  const editor = await actingEditor(email)
  return { editor, cookie: `${SESSION_COOKIE}=${(await createSession(editor.id)).token}` }
}

export type Ticket = { uploadId: string; url: string; method: string; headers: Record<string, string> }
export type Declared = { name?: string; type?: string; bytes?: number }

/** The three steps for the editor whose cookie `cookie()` gives (read when a step runs). */
export function uploadSteps(cookie: () => string) {
  const start = (file: { name: string; type: string; bytes: number }, as = cookie()) =>
    startRoute(request('POST', '/api/admin/uploads', { json: file, cookie: as }))

  /** The PUT where the ticket says: our local route, or the presigned URL in the bucket. */
  const put = (ticket: Ticket, body: Buffer) =>
    ticket.url.startsWith('/')
      ? putRoute(request('PUT', ticket.url, { body, cookie: cookie() }), params(ticket.uploadId))
      : fetch(ticket.url, { method: 'PUT', body: new Uint8Array(body) })

  const complete = (uploadId: string, alt = '') =>
    completeRoute(
      request('POST', `/api/admin/uploads/${uploadId}/complete`, { json: { alt }, cookie: cookie() }),
      params(uploadId),
    )

  /** The three steps as the browser does them; returns each step's response. */
  async function upload(body: Buffer, declared: Declared = {}, alt = '') {
    const started = await start({
      name: declared.name ?? 'look.png',
      type: declared.type ?? 'image/png',
      bytes: declared.bytes ?? body.length,
    })
    if (started.status !== 201) return { started }
    const ticket = (await started.json()) as Ticket
    const sent = await put(ticket, body)
    const completed = await complete(ticket.uploadId, alt)
    return { started, ticket, put: sent, completed }
  }

  return { start, put, complete, upload }
}

/** Media rows and their audit events: a refused upload must add neither. */
export const counts = async () => ({
  media: await prisma().media.count(),
  audit: await prisma().auditEvent.count({ where: { entityType: 'Media' } }),
})

/** The error message of a JSON answer. */
export const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error

/** Staged uploads in the local driver's folder (names only). */
export async function stagedUploads(dataDir: string): Promise<string[]> {
  try {
    return await readdir(path.join(dataDir, 'storage', 'uploads'))
  } catch {
    return []
  }
}

/** Every key the local driver holds (media and staged uploads, and any stray file), sorted. */
export async function localStorageKeys(dataDir: string): Promise<string[]> {
  const root = path.join(dataDir, 'storage')
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort()
}

export type S3Storage = {
  s3: TestS3
  /** Every key in the bucket, staged uploads included, sorted. */
  bucketKeys: () => Promise<string[]>
  /** Stops the S3 server (storage unreachable) and starts it again on the same endpoint. */
  stop: () => Promise<void>
  restart: () => Promise<void>
}

/**
 * Points lib/storage at a real S3-compatible server for the tests of the enclosing describe block,
 * and back to the local driver after them.
 */
export function useS3Storage(database: FreshDatabase): S3Storage {
  let client: S3Client
  let running = true
  const saved: Record<string, string | undefined> = {}
  const storage = {
    s3: undefined as unknown as TestS3,
    async bucketKeys() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: storage.s3.bucket }))
      return (listed.Contents ?? []).map((object) => object.Key!).sort()
    },
    async stop() {
      await storage.s3.close()
      running = false
    },
    async restart() {
      storage.s3 = await startS3Server(database.dataDir, storage.s3.bucket, Number(new URL(storage.s3.endpoint).port))
      running = true
    },
  }

  beforeAll(async () => {
    storage.s3 = await startS3Server(database.dataDir)
    for (const [name, value] of Object.entries(s3Environment(storage.s3))) {
      saved[name] = process.env[name]
      process.env[name] = value
    }
    resetSettingsForTests()
    resetMediaStorageForTests()
    client = new S3Client({
      region: 'us-east-1',
      endpoint: storage.s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: storage.s3.accessKeyId, secretAccessKey: storage.s3.secretAccessKey },
    })
  })
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    resetSettingsForTests()
    resetMediaStorageForTests()
    client.destroy()
    if (running) await storage.s3.close()
  })
  return storage
}
