// Picks the storage driver from the settings: S3 when S3_BUCKET is set, local files otherwise.
// Both implement the interface in ./types.ts.
import path from 'node:path'
import { settings } from '@/lib/env'
import { createLocalStorage } from './local'
import { createS3Storage } from './s3'
import type { MediaStorage } from './types'

export type { MediaStorage, StoredObject } from './types'
export { StorageUnavailable } from './errors'

let storage: MediaStorage | undefined

export function mediaStorage(): MediaStorage {
  storage ??= createStorage()
  return storage
}

function createStorage(): MediaStorage {
  const config = settings()
  if (!config.S3_BUCKET) return createLocalStorage(path.resolve(config.DATA_DIR, 'storage'))
  return createS3Storage({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
    publicUrl: config.S3_PUBLIC_URL,
  })
}

/** For tests that switch drivers between cases. */
export function resetMediaStorageForTests(): void {
  storage = undefined
}
