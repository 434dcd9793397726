// With media in S3, a phone loads every picture of a page from the bucket (or the CDN in front of
// it) and not one from our server: the sizes were made when the images were stored, so nothing is
// resized or relayed on a visitor's request. A real S3-compatible server (s3rver), the demo seeded
// into it, the production server, and Chromium at phone size with a 3× screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import path from 'node:path'
import { prisma } from '@/lib/db/client'
import { resetSettingsForTests } from '@/lib/env'
import { mediaStorage, resetMediaStorageForTests } from '@/lib/storage'
import { seedDemoData } from '@/prisma/seed'
import { useFreshDatabase } from '../support/database'
import { startNext, useBuildCopy, type RunningServer } from '../support/next-server'
import { s3Environment, startS3Server, type TestS3 } from '../support/s3-server'
import {
  browserAvailable,
  IN_APP_PHONE_AGENT,
  launchBrowser,
  loadLazyImages,
  PHONE_SCREEN,
  SCREENSHOTS,
} from '../support/browser'

// Its own copy of the build: its server empties and fills its own page cache, never the one
// site.test.ts's server is using at the same time.
const DIST_DIR = '.next-test-images-from-bucket'
const database = useFreshDatabase()
useBuildCopy(DIST_DIR)
let s3: TestS3
let server: RunningServer
let browser: Browser | undefined
const saved: Record<string, string | undefined> = {}

beforeAll(async () => {
  s3 = await startS3Server(database.dataDir)
  // The seed stores its drawings, and their sizes, in the bucket.
  for (const [name, value] of Object.entries(s3Environment(s3))) {
    saved[name] = process.env[name]
    process.env[name] = value
  }
  resetSettingsForTests()
  resetMediaStorageForTests()
  await seedDemoData(prisma(), mediaStorage())
  server = await startNext({ ...database.env(), ...s3Environment(s3) }, { distDir: DIST_DIR })
  if (browserAvailable()) browser = await launchBrowser()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await s3?.close()
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  resetSettingsForTests()
  resetMediaStorageForTests()
})

describe('a page whose images come from the bucket', () => {
  it('loads every picture from the bucket, sized for the screen, with no image request to the server', async (context) => {
    if (!browser) return context.skip()
    const [outfit] = await prisma().outfit.findMany({ where: { published: true }, orderBy: { slug: 'asc' }, take: 1 })
    const phone = await browser.newContext({ ...PHONE_SCREEN, deviceScaleFactor: 3, userAgent: IN_APP_PHONE_AGENT })
    const page = await phone.newPage()
    const images: string[] = []
    const toServer: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (request.resourceType() === 'image') images.push(request.url())
      if (url.origin === server.url) toServer.push(url.pathname)
    })
    await page.goto(`${server.url}/outfits/${outfit!.slug}`, { waitUntil: 'load' })
    await loadLazyImages(page)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'outfit-images-from-bucket.png') })

    const bucket = `${s3.endpoint}/${s3.bucket}/media/`
    expect(images.length).toBeGreaterThan(3)
    expect(images.filter((url) => !url.startsWith(bucket))).toEqual([])
    // The site's icon is the one picture our server sends.
    expect(toServer.filter((pathname) => /^\/(media|_next\/image)\b/.test(pathname))).toEqual([])

    const shown = await page.evaluate(() =>
      [...document.images].map((img) => ({
        src: img.currentSrc,
        loaded: img.complete && img.naturalWidth > 0,
        wide: img.getBoundingClientRect().width,
      })),
    )
    expect(shown.length).toBeGreaterThan(3)
    // Only this page's own pictures: none of the pages its links prefetch (a server component's
    // image preload travels in the router's prefetch payloads, and the browser would follow it).
    expect(images.filter((url) => !shown.some((image) => image.src === url))).toEqual([])
    for (const image of shown) {
      expect(image.loaded, image.src).toBe(true)
      // A size, in AVIF, Chromium takes it: never the original.
      expect(image.src).toMatch(/-w\d+\.avif$/)
    }
    // The cover fills a 390 px screen at 3 device pixels a CSS pixel: the widest size it has.
    const cover = shown[0]!
    expect(cover.wide).toBeGreaterThan(300)
    const [media] = await prisma().media.findMany({ where: { outfitCovers: { some: { slug: outfit!.slug } } } })
    expect(cover.src).toContain(`-w${media!.sizedWidths.at(-1)}.avif`)
    await phone.close()
  })

  it("keeps Next's resizing on request switched off: /_next/image answers 404", async () => {
    const [media] = await prisma().media.findMany({ take: 1 })
    const url = encodeURIComponent(mediaStorage().publicUrl(media!.key))
    const answer = await fetch(`${server.url}/_next/image?url=${url}&w=640&q=75`)
    expect(answer.status).toBe(404)
  })
})
