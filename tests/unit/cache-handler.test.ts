// Next's file cache as our handler dates it: a page is as old as the request that rendered it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { nodeFs } from 'next/dist/server/lib/node-fs-methods.js'
import LookbookCache, { applyInvalidations, runAsRender } from '@/lib/cache/cache-handler.js'

const folder = await mkdtemp(path.join(tmpdir(), 'lookbook-cache-'))
afterAll(() => rm(folder, { recursive: true, force: true }))
const cache = new LookbookCache({ fs: nodeFs, serverDistDir: path.join(folder, 'server'), flushToDisk: true })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const page = (title: string, tag: string) => ({
  kind: 'APP_PAGE',
  html: `<h1>${title}</h1>`,
  rscData: Buffer.from(title),
  headers: { 'x-next-cache-tags': tag },
  status: 200,
})
const read = async (key: string) =>
  (
    (await cache.get(key, { kind: 'APP_PAGE', isFallback: false, isRoutePPREnabled: false })) as {
      value: { html: string }
    } | null
  )?.value.html

/** A render that reads its data, sees an editor's save invalidate it, then stores its page. */
async function renderAcrossASave(key: string, tag: string) {
  await sleep(20) // reading the outfit
  await cache.revalidateTag([tag], { expire: 0 }) // the save
  // A file's time comes from the kernel's coarse clock, up to a tick (4–10 ms) behind Date.now():
  // written 5 ms after the save, a page could be dated before it (failed once in CI).
  await sleep(30)
  await cache.set(key, page('the old title', tag), { cacheControl: { revalidate: 300 } })
}

describe('the cache handler', () => {
  it('dates a page from when its request began, so a save during the render makes it old', async () => {
    await runAsRender(() => renderAcrossASave('/outfits/a', 'outfit:a'))
    expect(await read('/outfits/a')).toBeUndefined()

    await runAsRender(() =>
      cache.set('/outfits/a', page('the new title', 'outfit:a'), { cacheControl: { revalidate: 300 } }),
    )
    expect(await read('/outfits/a')).toBe('<h1>the new title</h1>')
  })

  it('would keep that page as new if it were dated from when it was written', async () => {
    // What every request not run through runAsRender stores: the check above is what it guards.
    await renderAcrossASave('/outfits/b', 'outfit:b')
    expect(await read('/outfits/b')).toBe('<h1>the old title</h1>')
  })

  it("never dates an old page by a sibling worker's replacement renamed in while it was read", async () => {
    const key = '/idols/r'
    await runAsRender(() => cache.set(key, page('the old title', 'idol:r'), { cacheControl: { revalidate: 300 } }))
    await sleep(5)
    await cache.revalidateTag(['idol:r'], { expire: 0 }) // the save, heard by both workers
    await sleep(5)
    // This worker reads the page to replace it; the sibling's replacement lands right after the read,
    // before Next asks the file's date.
    let sibling: (() => Promise<unknown>) | undefined = () =>
      runAsRender(() => cache.set(key, page('the new title', 'idol:r'), { cacheControl: { revalidate: 300 } }))
    const reader = new LookbookCache({
      fs: {
        ...nodeFs,
        readFile: async (file: string, encoding?: BufferEncoding) => {
          const data = await nodeFs.readFile(file, encoding)
          const land = file.endsWith('.html') ? sibling : undefined
          if (land) {
            sibling = undefined
            await land()
          }
          return data
        },
      },
      serverDistDir: path.join(folder, 'server'),
      flushToDisk: true,
    })
    const got = (await reader.get(key, { kind: 'APP_PAGE', isFallback: false, isRoutePPREnabled: false })) as {
      value: { html: string }
    } | null
    expect(sibling).toBeUndefined() // the replacement did land in the read
    // Before the fix: the old title, dated by the sibling's file, a hit for 300 s.
    expect(got?.value.html).toBe('<h1>the new title</h1>')
  })

  describe('an invalidation made elsewhere that arrives late', () => {
    it('counts from its arrival when a render began here since it was made, and says so for the siblings', async () => {
      const madeAt = Date.now()
      await sleep(5)
      // A render here reads the outfit as it was, not knowing of the save yet, and stores its page.
      await runAsRender(() =>
        cache.set('/outfits/c', page('the old title', 'outfit:c'), { cacheControl: { revalidate: 300 } }),
      )
      await sleep(5)
      const { changed, redated } = applyInvalidations({ 'outfit:c': { stale: madeAt, expired: madeAt } })
      expect(changed).toEqual(['outfit:c'])
      expect(redated['outfit:c']!.expired).toBeGreaterThanOrEqual(madeAt + 10)
      expect(await read('/outfits/c')).toBeUndefined()
    })

    it('keeps the time it was made when no render that began here since read what it names', async () => {
      await sleep(5)
      const madeAt = Date.now()
      await sleep(2)
      await runAsRender(() =>
        cache.set('/outfits/f', page('another outfit', 'outfit:f'), { cacheControl: { revalidate: 300 } }),
      )
      const { changed, redated } = applyInvalidations({ 'outfit:d': { stale: madeAt, expired: madeAt } })
      expect([changed, redated]).toEqual([['outfit:d'], {}])
      // Applied again (Redis after the relay): nothing new.
      expect(applyInvalidations({ 'outfit:d': { stale: madeAt, expired: madeAt } }).changed).toEqual([])
    })

    it('takes a time a sibling redated as it is', async () => {
      const madeAt = Date.now()
      await sleep(2)
      await runAsRender(async () => undefined)
      const { redated } = applyInvalidations({ 'outfit:e': { stale: madeAt, expired: madeAt } }, { redate: false })
      expect(redated).toEqual({})
    })
  })
})
