// npm run media:sizes — makes the sizes pages show for every stored image that has none yet
// (stored before sizes were made at upload: lib/media/image-sizes.ts). Safe to run again, and to
// stop: each image is recorded as soon as its sizes are stored, and a second run goes on with the
// rest. Pages offer the new sizes from their next regeneration on.
import { parseArgs } from 'node:util'
import { mediaStorage } from '@/lib/storage'
import { mediaWithoutSizes, recordSizedWidths } from '@/lib/data/media'
import { storeImageSizes } from '@/lib/media/image-sizes'
import { withoutServerSettings } from '@/lib/env'
import { runCli, UsageError } from './run'

withoutServerSettings()

const USAGE = `npm run media:sizes

Makes every size (320–1280 px wide, AVIF and WebP) of each stored image that has none yet, stores
them next to the original and records them. Run it once after upgrading; new uploads and feed
images get their sizes when they are stored.`

/** Images sized at once: sharp uses every core for one image already; two keep storage busy too. */
const AT_ONCE = 2
const BATCH = 50

void runCli('media:sizes', async () => {
  let parsed
  try {
    parsed = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } })
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`)
  }
  if (parsed.values.help) return console.log(USAGE)
  const started = performance.now()
  const storage = mediaStorage()
  let sized = 0
  const missing: string[] = []
  let afterId = ''
  for (;;) {
    const batch = await mediaWithoutSizes(afterId, BATCH)
    if (batch.length === 0) break
    afterId = batch[batch.length - 1]!.id
    const queue = [...batch]
    const worker = async () => {
      for (let media = queue.shift(); media; media = queue.shift()) {
        const original = await storage.get(media.key)
        if (!original) {
          missing.push(media.key)
          continue
        }
        const widths = await storeImageSizes(storage, { key: media.key, body: original.body, width: media.width })
        await recordSizedWidths(media.id, widths)
        sized += 1
      }
    }
    await Promise.all(Array.from({ length: AT_ONCE }, worker))
    console.log(`media:sizes: ${sized} images sized so far`)
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(`media:sizes: sized ${sized} images in ${seconds} s.`)
  if (missing.length > 0) {
    const named = `${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`
    throw new UsageError(
      `${missing.length} images are recorded but not in storage, so they have no sizes: ${named}. Restore them from a backup of the media storage, then run this again.`,
    )
  }
})
