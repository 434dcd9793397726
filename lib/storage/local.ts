// Local files under DATA_DIR/storage: the embedded default for development and the demo.
// Served by app/media/[...key]/route.ts. Writes go to a temporary file first and are renamed,
// so a reader never sees half an object.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { MediaStorage } from './types'
import { isMediaKey, isUploadKey, mimeOfMediaKey } from './keys'

export function createLocalStorage(rootDir: string): MediaStorage {
  const fileOf = (key: string) => {
    if (!isMediaKey(key) && !isUploadKey(key)) throw new Error(`Not a storage key: ${key}`)
    return path.join(rootDir, key)
  }
  return {
    driver: 'local',
    async put(key, body) {
      const file = fileOf(key)
      await mkdir(path.dirname(file), { recursive: true })
      const temporary = `${file}.${randomUUID()}.tmp`
      await writeFile(temporary, body)
      await rename(temporary, file)
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
