// Picks the storage driver from the settings. S3 arrives with the uploads issue; until then the
// local driver is the only one, and the interface in ./types.ts is what both implement.
import path from 'node:path'
import { settings } from '@/lib/env'
import { createLocalStorage } from './local'
import type { MediaStorage } from './types'

export type { MediaStorage, StoredObject } from './types'

let storage: MediaStorage | undefined

export function mediaStorage(): MediaStorage {
  storage ??= createLocalStorage(path.resolve(settings().DATA_DIR, 'storage'))
  return storage
}
