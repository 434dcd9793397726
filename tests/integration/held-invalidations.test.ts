// An editor's save while this instance cannot reach Redis: the other instances must still hear of
// it once Redis answers again, not only when their copy of the page reaches its revalidate window.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createClient } from 'redis'
import { nodeFs } from 'next/dist/server/lib/node-fs-methods.js'
import { canRunOwnRedis, createOwnRedis, type OwnRedis } from '../support/own-redis'

const BUILD_ID = `held-${Date.now()}`
let redis: OwnRedis
let folder: string

describe.runIf(canRunOwnRedis)('an invalidation made while Redis is away', () => {
  beforeAll(async () => {
    redis = await createOwnRedis()
    folder = await mkdtemp(path.join(tmpdir(), 'lookbook-held-'))
    await mkdir(path.join(folder, 'server'))
    await writeFile(path.join(folder, 'BUILD_ID'), BUILD_ID)
  })
  afterAll(async () => {
    vi.restoreAllMocks()
    delete process.env.REDIS_URL
    await redis?.remove()
    if (folder) await rm(folder, { recursive: true, force: true })
  })

  it('is held, and written for the other instances as soon as Redis answers again', async () => {
    process.env.REDIS_URL = redis.url
    const warnings: string[] = []
    vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line))
    const { default: LookbookCache, watchSharedInvalidations } = await import('@/lib/cache/cache-handler.js')
    const serverDir = path.join(folder, 'server')
    const cache = new LookbookCache({ fs: nodeFs, serverDistDir: serverDir, flushToDisk: true })

    await redis.stop()
    const savedAt = Date.now()
    await cache.revalidateTag(['outfit:held'], { expire: 0 })
    expect(warnings.join('\n')).toMatch(/other instances keep serving the old pages for outfit:held until it answers/)

    await redis.start()
    const hashKey = `lookbook:next-tags:${BUILD_ID}`
    const reader = createClient({ url: redis.url })
    await reader.connect()
    // Meanwhile another instance saved another outfit, and this one again, later.
    const laterSave = Date.now() + 60_000
    await reader.hSet(hashKey, 'outfit:held-too', JSON.stringify({ stale: laterSave, expired: laterSave }))
    const stopWatching = watchSharedInvalidations(serverDir, () => {}, 50)
    try {
      const written = await vi.waitFor(
        async () => {
          const entry = await reader.hGet(hashKey, 'outfit:held')
          if (!entry) throw new Error('not written to Redis yet')
          return JSON.parse(entry) as { expired: number }
        },
        { timeout: 15_000, interval: 100 },
      )
      // Written late, so dated from the write (never before the save): another instance then
      // renders anew whatever it rendered meanwhile from data cached before the save.
      expect(written.expired).toBeGreaterThanOrEqual(savedAt)
      expect(written.expired).toBeLessThanOrEqual(Date.now())
      expect(await reader.get(`${hashKey}:version`)).toBeTruthy()
      // The held write never replaces a later invalidation already in Redis.
      await cache.revalidateTag(['outfit:held-too'], { expire: 0 })
      expect(JSON.parse((await reader.hGet(hashKey, 'outfit:held-too'))!)).toEqual({
        stale: laterSave,
        expired: laterSave,
      })
    } finally {
      stopWatching()
      await reader.quit()
    }
  }, 30_000)
})
