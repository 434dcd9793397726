// Local files under DATA_DIR/storage: the embedded default for development and the demo.
// Served by app/media/[...key]/route.ts. Writes go to a temporary file first and are renamed,
// so a reader never sees half an object; a write that fails (a full disk) removes its temporary
// file, so it leaves neither half an object nor the space it took.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { MediaStorage } from './types'
import { StorageUnavailable } from './errors'
import { isMediaKey, isUploadKey, mimeOfMediaKey } from './keys'

/**
 * The disk is full (or the quota used up): nothing is wrong with the request, and the same write
 * works once space is freed, so callers answer 503 with Retry-After, as for an unreachable bucket.
 */
const NO_SPACE = new Set(['ENOSPC', 'EDQUOT'])

export function createLocalStorage(rootDir: string): MediaStorage {
  const fileOf = (key: string) => {
    if (!isMediaKey(key) && !isUploadKey(key)) throw new Error(`Not a storage key: ${key}`)
    return path.join(rootDir, key)
  }
  return {
    driver: 'local',
    async put(key, body) {
      const file = fileOf(key)
      const temporary = `${file}.${randomUUID()}.tmp`
      try {
        await mkdir(path.dirname(file), { recursive: true })
        await writeFile(temporary, body)
        await rename(temporary, file)
      } catch (error) {
        await rm(temporary, { force: true })
        throw NO_SPACE.has((error as NodeJS.ErrnoException).code ?? '')
          ? new StorageUnavailable('put', error, true)
          : error
      }
    },
    async get(key) {
      try {
        const body = await readFile(fileOf(key))
        return { body, contentType: mimeOfMediaKey(key) ?? 'application/octet-stream' }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async exists(key) {
      try {
        await stat(fileOf(key))
        return true
      } catch {
        return false
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true })
    },
    publicUrl(key) {
      return `/${key}`
    },
    async presignUpload() {
      return null
    },
    async sweepUploads(olderThanSeconds) {
      const folder = path.join(rootDir, 'uploads')
      const names = await readdir(folder).catch(() => [] as string[])
      let swept = 0
      for (const name of names) {
        const file = path.join(folder, name)
        const info = await stat(file).catch(() => null)
        if (info && Date.now() - info.mtimeMs > olderThanSeconds * 1000) {
          await rm(file, { force: true })
          swept++
        }
      }
      return swept
    },
  }
}
