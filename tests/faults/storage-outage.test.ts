// Media storage (an S3-compatible bucket of the test's own) becomes unreachable during an editor's
// upload, against the production server entry. The editor hears so (503 with Retry-After, a
// message), no media row exists without its object, and the same upload completes once storage is
// back — the ticket and the staged bytes were kept for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { useFreshDatabase } from '../support/database'
import { sessionCookieFor } from '../support/admin-session'
import { startNext, useBuildCopy, type RunningServer } from '../support/next-server'
import { s3Environment } from '../support/s3-server'
import { errorOf, png, useS3Storage, withSizesOf } from '../support/uploads'

const DIST_DIR = '.next-test-storage-outage'
const database = useFreshDatabase()
const storage = useS3Storage(database)
let server: RunningServer
let cookie: string

useBuildCopy(DIST_DIR)

beforeAll(async () => {
  cookie = await sessionCookieFor('storage-outage@example.com', 'EDITOR')
  server = await startNext({ ...database.env(), ...s3Environment(storage.s3) }, { distDir: DIST_DIR })
}, 600_000)

afterAll(async () => {
  if (process.env.DEBUG_E2E) console.info(server?.output.join('').slice(-20_000))
  await server?.stop()
})

const post = (url: string, json: unknown) =>
  fetch(`${server.url}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(json),
  })

describe('storage unreachable during an upload', () => {
  it('says so with 503 and Retry-After, stores nothing half, and completes once storage is back', async () => {
    const body = await png(97, 61)
    const file = { name: 'campaign.png', type: 'image/png', bytes: body.length }
    const mediaBefore = await prisma().media.count()

    // Down as the upload starts: refused before the browser sends the bytes.
    await storage.stop()
    const refusedStart = await post('/api/admin/uploads', file)
    expect(refusedStart.status).toBe(503)
    expect(refusedStart.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await errorOf(refusedStart)).toMatch(/storage cannot be reached/i)
    await storage.restart()

    // Down between the bytes arriving in the bucket and the completion.
    const started = await post('/api/admin/uploads', file)
    expect(started.status).toBe(201)
    const ticket = (await started.json()) as { uploadId: string; url: string; headers: Record<string, string> }
    const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: new Uint8Array(body) })
    expect(put.status).toBe(200)
    await storage.stop()
    const refused = await post(`/api/admin/uploads/${ticket.uploadId}/complete`, { alt: 'Green' })
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await errorOf(refused)).toMatch(/nothing was saved/i)
    expect(await prisma().media.count()).toBe(mediaBefore)

    // Back: the same request completes, with its row and its object.
    await storage.restart()
    const completed = await post(`/api/admin/uploads/${ticket.uploadId}/complete`, { alt: 'Green' })
    expect(completed.status).toBe(201)
    const { media } = (await completed.json()) as { media: { id: string } }
    const row = await prisma().media.findUniqueOrThrow({ where: { id: media.id } })
    // The object and its sizes, and no staged copy left.
    expect(row.sizedWidths.length).toBeGreaterThan(0)
    expect(await storage.bucketKeys()).toEqual(withSizesOf(row.key, row.sizedWidths))
    expect(await prisma().media.count()).toBe(mediaBefore + 1)
  })
})
