// The disk under DATA_DIR fills up while the site serves, on the embedded default: the PGlite data
// directory and the local media storage sit on a small filesystem of the test's own (a tmpfs; ext4
// with SMALL_DISK=ext4), behind the production server entry, which owns the database. One file then
// takes the last free byte. Two ways PostgreSQL meets a full disk, both on real traffic:
//   1. a table cannot grow: the statement fails (53100) and the request is refused;
//   2. its write-ahead log cannot start a new segment: PostgreSQL PANICs, which ends the PGlite
//      instance for good; the owner must drop it and open the directory again.
// Throughout: writes are refused with 503 JSON and Retry-After, never a 500, a hang or a dead
// process; nothing is half-written (no media row without its object, no partial file, no write
// acknowledged and then lost); rendered pages keep answering 200. Once the file is deleted, writes
// work again without a restart, and the data opens and agrees with itself after a restart.
//
// Only in the embedded pass: with TEST_DATABASE_URL the database lives on PostgreSQL's own disk,
// and what this tests (PGlite and the local driver on a full disk) is not there to test.
import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db/client'
import { databasePool } from '@/lib/db/pool'
import { mediaStorage } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { outfitLikeCounts } from '../support/like-counts'
import { sessionCookieFor } from '../support/admin-session'
import { useFreshDatabase } from '../support/database'
import { startNext, useBuildCopy, type RunningServer } from '../support/next-server'
import { canMountSmallDisk, useSmallDisk } from '../support/small-disk'
import { testDatabaseUrl } from '../support/test-env'
import { localStorageKeys, uniquePng, withSizesOf } from '../support/uploads'

const DIST_DIR = '.next-test-disk-full'
const runnable = (canMountSmallDisk || Boolean(process.env.CI)) && !testDatabaseUrl()

describe.runIf(runnable)('the disk under DATA_DIR fills up (embedded database, local media)', () => {
  const database = useFreshDatabase()
  // This process lets go of the database (the server owns it) and of the disk before unmounting it.
  // 128 MB: the migrated template (~40 MB, a 16 MB log segment of it), the demo's data and media,
  // room for a second log segment, and 32 MB more so that the database can start again.
  const disk = useSmallDisk(() => database.dataDir, { megabytes: 128, beforeUnmount: database.release })
  let server: RunningServer
  let cookie: string
  let slugs: string[]
  let pages: string[]
  let unvisitedPage: string

  /** Every server's log, the one before the restart included, for DEBUG_E2E. */
  const logs: string[][] = []
  const startServer = async () => {
    const started = await startNext(database.env(), { distDir: DIST_DIR, emptyCache: false, crashable: true })
    logs.push(started.output)
    return started
  }
  /** SIGTERM; a primary stuck inside a dead PGlite (the hang this file guards against) is then killed. */
  const stopServer = async () => {
    const patience = new AbortController()
    const stopped = await Promise.race([
      server.stop().then(() => true),
      sleep(20_000, false, { signal: patience.signal }).catch(() => true),
    ])
    patience.abort()
    if (!stopped) await server.crash()
  }

  useBuildCopy(DIST_DIR)

  beforeAll(async () => {
    await seedDemoData(prisma(), mediaStorage())
    cookie = await sessionCookieFor('disk-full@example.com', 'EDITOR')
    const outfits = await prisma().outfit.findMany({ where: { published: true }, take: 4, orderBy: { slug: 'asc' } })
    const idol = await prisma().idol.findFirstOrThrow({ where: { published: true }, orderBy: { slug: 'asc' } })
    slugs = outfits.slice(0, 3).map((outfit) => outfit.slug)
    pages = ['/', '/idols', `/idols/${idol.slug}`, ...slugs.map((slug) => `/outfits/${slug}`)]
    unvisitedPage = `/outfits/${outfits[3]!.slug}`
    // The server, not this test, must own the embedded database: it is the process that meets the PANIC.
    await database.release()
    server = await startServer()
    for (const page of pages) expect((await fetch(`${server.url}${page}`)).status, page).toBe(200)
  }, 600_000)

  afterAll(async () => {
    if (process.env.DEBUG_E2E) for (const output of logs) console.info(output.join('').slice(-20_000))
    if (server) await stopServer()
  })

  /** One request, with how long it took; none may hang. */
  async function timed(url: string, init?: RequestInit) {
    const started = performance.now()
    const response = await fetch(`${server.url}${url}`, { ...init, signal: AbortSignal.timeout(10_000) })
    const text = await response.text()
    return { status: response.status, headers: response.headers, text, ms: performance.now() - started }
  }
  type Answer = Awaited<ReturnType<typeof timed>>

  /** A refusal as promised: 503, JSON saying what happened, Retry-After, quickly. */
  function expectRefused(answer: Answer, what: string, message: RegExp) {
    expect(answer.status, `${what}: ${answer.text}`).toBe(503)
    expect(answer.headers.get('content-type'), what).toContain('application/json')
    expect(answer.headers.get('retry-after'), what).toMatch(/^\d+$/)
    expect((JSON.parse(answer.text) as { error: string }).error, what).toMatch(message)
    expect(answer.ms, what).toBeLessThan(5_000)
  }

  // What the visitors were told, to hold the database to it at the end: each visitor's like is in
  // the state last acknowledged, a refused like or unlike changed nothing.
  const likeState = new Map<string, { slug: string; liked: boolean }>()
  const comments = { acknowledged: [] as string[], refused: [] as string[] }
  const answers = { written: 0, refused: 0 }

  async function like(visitor: string, slug: string, liked: boolean): Promise<Answer> {
    const answer = await timed('/api/likes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `lb_visitor=${visitor}` },
      body: JSON.stringify({ type: 'outfit', slug, liked }),
    })
    if (answer.status === 200) {
      likeState.set(visitor, { slug, liked })
      answers.written++
    } else {
      expectRefused(answer, `like ${liked}`, /nothing was saved/i)
      // A refused first like leaves this visitor without one; a refused later one changes nothing.
      if (!likeState.has(visitor)) likeState.set(visitor, { slug, liked: false })
      answers.refused++
    }
    return answer
  }

  let commentNumber = 0
  async function comment(slug: string): Promise<Answer> {
    const body = `Comment ${++commentNumber} while the disk filled up (${randomUUID().slice(0, 8)})`
    const answer = await timed('/api/comments', {
      method: 'POST',
      // A new visitor and address each: the per-visitor and per-address limits stay out of the way.
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${commentNumber % 250}` },
      body: JSON.stringify({ type: 'outfit', slug, authorName: 'Disk tester', body }),
    })
    if (answer.status === 201) {
      comments.acknowledged.push((JSON.parse(answer.text) as { comment: { id: string } }).comment.id)
      answers.written++
    } else {
      expectRefused(answer, 'comment', /nothing was saved/i)
      comments.refused.push(body)
      answers.refused++
    }
    return answer
  }

  const editor = (url: string, init: RequestInit = {}) =>
    timed(url, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
  const startUpload = (body: Buffer) =>
    editor('/api/admin/uploads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'look.png', type: 'image/png', bytes: body.length }),
    })
  const putUpload = (url: string, body: Buffer) => editor(url, { method: 'PUT', body: new Uint8Array(body) })
  const completeUpload = (uploadId: string) =>
    editor(`/api/admin/uploads/${uploadId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ alt: 'Written on a full disk' }),
    })
  type Ticket = { uploadId: string; url: string }
  const uploads: { body: Buffer; ticket: Ticket }[] = []

  const servesRenderedPages = async () => {
    for (const page of pages) {
      const { status, text, ms } = await timed(page)
      expect(status, page).toBe(200)
      expect(text, page).toContain('</html>')
      expect(ms, page).toBeLessThan(2_000)
    }
  }

  const serverIsAlive = () => {
    expect(server.child.exitCode, 'the server process exited').toBeNull()
    expect(server.output.join(''), 'a worker process died').not.toMatch(/Worker \d+ exited/)
  }

  // The write-ahead log, seen from a client connection: how much of its current 16 MB segment is
  // left. The segment's file exists in full from the start, so filling it needs no disk space.
  const walRoom = async () => {
    const { rows } = await databasePool().query<{ room: string }>(
      `SELECT setting::bigint - (pg_walfile_name_offset(pg_current_wal_insert_lsn())).file_offset AS room
       FROM pg_settings WHERE name = 'wal_segment_size'`,
    )
    return Number(rows[0]!.room)
  }
  const writeToWal = (bytes: number) =>
    databasePool().query(`SELECT pg_logical_emit_message(false, 'disk-full-test', repeat('x', $1::int))`, [bytes])

  it('refuses writes that need room with 503 and Retry-After, keeps serving pages, leaves nothing half-written', async () => {
    // Plenty of log left, so that this part meets full tables, not a full log (the next part does).
    const room = await walRoom()
    if (room < 4 * 1024 * 1024) await writeToWal(room + 1024)
    expect(await walRoom()).toBeGreaterThan(4 * 1024 * 1024)

    // An upload whose bytes arrived before the disk filled up, to be completed on the full disk.
    const staged = await uniquePng(41)
    const started = await startUpload(staged)
    expect(started.status, started.text).toBe(201)
    const ticket = JSON.parse(started.text) as Ticket
    expect((await putUpload(ticket.url, staged)).status).toBe(204)
    uploads.push({ body: staged, ticket })
    const mediaBefore = await prisma().media.count()
    const filesBefore = await localStorageKeys(database.dataDir)

    const filled = await disk.fill()
    expect(await disk.freeBytes()).toBe(0)
    console.info(`Disk (${disk.kind}) filled with ${(filled / 1024 / 1024).toFixed(1)} MB; 0 bytes free.`)

    // Likes and comments until each has been refused a few times: a table's last page fills, and
    // the next row needs a page the disk cannot give.
    let refusedLikes = 0
    for (let i = 0; i < 600 && refusedLikes < 3; i++)
      if ((await like(randomUUID(), slugs[i % slugs.length]!, true)).status === 503) refusedLikes++
    expect(refusedLikes, 'likes were never refused: the disk was not full').toBe(3)
    let refusedComments = 0
    for (let i = 0; i < 300 && refusedComments < 2; i++)
      if ((await comment(slugs[i % slugs.length]!)).status === 503) refusedComments++
    expect(refusedComments, 'comments were never refused').toBe(2)

    // The editor: a new upload's bytes are refused (no staged file stays behind, the ticket stays
    // open), and completing the earlier one is refused before any row exists.
    const body = await uniquePng(42)
    const second = await startUpload(body)
    expect(second.status, second.text).toBe(201)
    const secondTicket = JSON.parse(second.text) as Ticket
    expectRefused(await putUpload(secondTicket.url, body), 'upload PUT', /storage is full/i)
    uploads.push({ body, ticket: secondTicket })
    expectRefused(await completeUpload(ticket.uploadId), 'upload complete', /storage is full.*nothing was saved/i)
    expect(await prisma().media.count()).toBe(mediaBefore)
    // Not a byte more in storage: no media object, no staged or temporary file, however partial.
    expect(await localStorageKeys(database.dataDir)).toEqual(filesBefore)

    // Pages: rendered ones from the caches, and one never rendered yet (reading needs no room).
    await servesRenderedPages()
    const fresh = await timed(unvisitedPage)
    expect(fresh.status, unvisitedPage).toBe(200)
    serverIsAlive()
  }, 120_000)

  it('survives PostgreSQL PANICking when its log cannot grow: 503s at once, no hang, no dead process', async () => {
    // The log segment used up but for a couple of kilobytes, as it is once in every 16 MB of writes.
    for (let room = await walRoom(); room > 2_500; room = await walRoom())
      await writeToWal(Math.floor((room - 1_500) * 0.9))
    // Shoppers carry on: a like taken back (a delete needs no new page, only log), a new like, a
    // comment, until one of them needs the next log segment and PostgreSQL PANICs.
    const likedBefore = [...likeState].filter(([, state]) => state.liked)
    let attempts = 0
    for (; attempts < 300 && !server.output.join('').includes('PANIC'); attempts++) {
      const slug = slugs[attempts % slugs.length]!
      const taken = likedBefore[attempts % Math.max(1, likedBefore.length)]
      if (attempts % 3 === 0 && taken) await like(taken[0], taken[1].slug, false)
      else if (attempts % 3 === 1) await like(randomUUID(), slug, true)
      else await comment(slug)
    }
    const log = () => server.output.join('')
    expect(log(), 'no PANIC after 300 writes').toMatch(/Embedded database: PostgreSQL stopped with a PANIC \(53100 /)
    console.info(`PostgreSQL PANICked after ${attempts} writes on the full disk.`)

    // The database is gone until there is room again: writes and the health check say so at once.
    expectRefused(await like(randomUUID(), slugs[0]!, true), 'like after the PANIC', /nothing was saved/i)
    expectRefused(await comment(slugs[1]!), 'comment after the PANIC', /nothing was saved/i)
    const ready = await timed('/api/ready')
    expect(ready.status).toBe(503)
    expect(ready.ms).toBeLessThan(5_000)
    expect((await timed('/api/health')).status).toBe(200) // the process itself is fine
    const upload = await startUpload(uploads[1]!.body)
    expectRefused(upload, 'upload start after the PANIC', /database|try again/i)
    await servesRenderedPages()
    // The owner keeps trying, and says why it cannot open the database yet.
    await expect.poll(log, { timeout: 10_000 }).toMatch(/cannot open it again yet: .* MB free on the disk of/)
    serverIsAlive()
  }, 120_000)

  it('works again once space is freed, without a restart, with every acknowledged write and nothing half-written', async () => {
    await disk.empty()
    const freedAt = performance.now()
    await expect.poll(async () => (await timed('/api/ready')).status, { interval: 250, timeout: 30_000 }).toBe(200)
    const recoveredMs = performance.now() - freedAt
    // The log is written in batches, at most 200 ms after the line (lib/log.ts).
    await expect
      .poll(() => server.output.join(''), { timeout: 5_000 })
      .toMatch(/Embedded database: open again after the crash/)

    expect((await like(randomUUID(), slugs[0]!, true)).status).toBe(200)
    expect((await comment(slugs[1]!)).status).toBe(201)

    // The uploads refused on the full disk complete with the same tickets, and are served.
    const [completedLater, putLater] = uploads
    expect((await putUpload(putLater!.ticket.url, putLater!.body)).status).toBe(204)
    for (const { ticket, body } of [completedLater!, putLater!]) {
      const completed = await completeUpload(ticket.uploadId)
      expect(completed.status, completed.text).toBe(201)
      const { media } = JSON.parse(completed.text) as { media: { url: string } }
      const served = await fetch(`${server.url}${media.url}`)
      expect(served.status).toBe(200)
      expect(Buffer.from(await served.arrayBuffer()).equals(body)).toBe(true)
    }

    await expectEverythingAcknowledgedAndNothingHalf()
    serverIsAlive()
    console.info(
      `Disk full: ${answers.written} writes acknowledged and ${answers.refused} refused with 503, all as told; ` +
        `writes accepted again ${(recoveredMs / 1000).toFixed(1)} s after space was freed, without a restart.`,
    )
  }, 120_000)

  it('opens after a restart on the same data, which agrees with itself', async () => {
    await stopServer()
    server = await startServer()
    await expectEverythingAcknowledgedAndNothingHalf()
    await servesRenderedPages()
    expect((await like(randomUUID(), slugs[2]!, true)).status).toBe(200)
  }, 120_000)

  /** The database holds exactly what visitors and the editor were told, and storage matches it. */
  async function expectEverythingAcknowledgedAndNothingHalf() {
    const outfits = await prisma().outfit.findMany({ where: { slug: { in: slugs } } })
    const idOf = new Map(outfits.map((outfit) => [outfit.slug, outfit.id]))
    const likes = await prisma().like.findMany({ where: { visitorId: { in: [...likeState.keys()] } } })
    const stored = new Set(likes.map((row) => `${row.visitorId} ${row.targetId}`))
    const wrong = [...likeState].filter(
      ([visitor, { slug, liked }]) => stored.has(`${visitor} ${idOf.get(slug)}`) !== liked,
    )
    expect(wrong, 'likes whose stored state is not the acknowledged one').toEqual([])

    const found = await prisma().comment.findMany({ where: { id: { in: comments.acknowledged } } })
    expect(found).toHaveLength(comments.acknowledged.length)
    expect(await prisma().comment.count({ where: { body: { in: comments.refused } } })).toBe(0)

    // The counters the trigger keeps agree with the rows.
    for (const [slug, id] of idOf) {
      const { rows, counter } = await outfitLikeCounts(id)
      expect(counter, slug).toBe(rows)
    }

    // Storage: exactly each media row's object and its sizes, and nothing else (no staged,
    // temporary or partial file); each original as long as its row says.
    const rows = await prisma().media.findMany({ select: { key: true, bytes: true, sizedWidths: true } })
    expect(await localStorageKeys(database.dataDir)).toEqual(
      rows.flatMap((row) => withSizesOf(row.key, row.sizedWidths)).sort(),
    )
    for (const row of rows)
      expect((await stat(path.join(database.dataDir, 'storage', row.key))).size, row.key).toBe(row.bytes)
  }
})
