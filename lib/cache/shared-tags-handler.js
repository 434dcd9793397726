// Next's ISR cache handler for several instances (Heroku dynos) sharing one Redis (REDIS_URL).
//
// Each instance keeps its rendered pages on its own disk, as Next does by default; what must be
// shared is invalidation. When an editor's save calls revalidateTag/revalidatePath on one dyno,
// that dyno records the tags' new timestamps in Next's tags manifest — an in-process map the other
// dynos never see, so they would serve the old page until its revalidate window ran out. This
// handler writes those timestamps to Redis too, and before every cache read brings the local
// manifest up to date (one GET of a version counter; the whole hash only when it changed). So the
// next request on any dyno renders afresh. See docs/decisions/008-shared-invalidation.md.
//
// Plain JavaScript: Next loads it with import() at start, outside the app's bundle (next.config.js
// enables it when REDIS_URL is set and the platform has no shared cache of its own, i.e. not Vercel).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fileSystemCache from 'next/dist/server/lib/incremental-cache/file-system-cache.js'
import tagsManifestModule from 'next/dist/server/lib/incremental-cache/tags-manifest.external.js'
import { createClient } from 'redis'

const FileSystemCache = fileSystemCache.default
const { tagsManifest } = tagsManifestModule
/** Invalidations older than this no longer matter: every cached entry has been renewed since. */
const KEEP_SECONDS = 24 * 3600

let connection
let seenVersion = null

function redis() {
  connection ??= (async () => {
    const client = createClient({
      url: process.env.REDIS_URL,
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(250 * (retries + 1), 2_000) },
      commandOptions: { timeout: 2_000 },
    })
    client.on('error', () => {}) // failures reach the callers as rejections
    await client.connect()
    return client
  })().catch((error) => {
    connection = undefined
    throw error
  })
  return connection
}

function warn(what, error) {
  console.warn(`Shared cache invalidation (REDIS_URL): ${what} failed, serving this instance's own cache: ${error?.message ?? error}`)
}

export default class SharedTagsCache extends FileSystemCache {
  constructor(context) {
    super(context)
    // One build's tags are one namespace: dynos of the same release share it, deploys do not mix.
    const buildId = readFileSync(path.join(context.serverDistDir, '..', 'BUILD_ID'), 'utf8').trim()
    this.hashKey = `lookbook:next-tags:${buildId}`
    this.versionKey = `${this.hashKey}:version`
    // `next build` renders static pages through this handler too, with nothing to share.
    this.shared = Boolean(process.env.REDIS_URL) && process.env.NEXT_PHASE !== 'phase-production-build'
  }

  async syncTags() {
    const client = await redis()
    const version = await client.get(this.versionKey)
    if (version === seenVersion) return
    const all = await client.hGetAll(this.hashKey)
    for (const [tag, json] of Object.entries(all)) {
      const remote = JSON.parse(json)
      const local = tagsManifest.get(tag) ?? {}
      // Keep the later of each timestamp: this dyno may have newer invalidations of its own.
      tagsManifest.set(tag, {
        stale: Math.max(local.stale ?? 0, remote.stale ?? 0) || undefined,
        expired: Math.max(local.expired ?? 0, remote.expired ?? 0) || undefined,
      })
    }
    seenVersion = version
  }

  async get(...args) {
    if (this.shared) await this.syncTags().catch((error) => warn('reading invalidations', error))
    return super.get(...args)
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations)
    if (!this.shared) return
    const list = typeof tags === 'string' ? [tags] : tags
    try {
      const client = await redis()
      const write = client.multi()
      for (const tag of list) write.hSet(this.hashKey, tag, JSON.stringify(tagsManifest.get(tag) ?? {}))
      write.incr(this.versionKey)
      write.expire(this.hashKey, KEEP_SECONDS)
      write.expire(this.versionKey, KEEP_SECONDS)
      await write.exec()
    } catch (error) {
      warn('sharing an invalidation', error)
    }
  }
}
