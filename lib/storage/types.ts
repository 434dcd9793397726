// The one storage interface. Drivers: local files (default) and S3 (when S3_BUCKET is set).
// Keys come from ./keys.ts only (media keys and upload staging keys); drivers never invent keys.
// A driver that cannot reach its storage throws StorageUnavailable (./errors.ts), so callers can
// tell an outage (try again later) from a bug.

export type StoredObject = {
  body: Buffer
  contentType: string
}

export interface MediaStorage {
  /** Which driver this is, for logs and the health check. */
  readonly driver: 'local' | 's3'
  put(key: string, body: Buffer, contentType: string): Promise<void>
  get(key: string): Promise<StoredObject | null>
  exists(key: string): Promise<boolean>
  delete(key: string): Promise<void>
  /** The URL a browser loads the object from. */
  publicUrl(key: string): string
  /**
   * A short-lived URL the browser PUTs an upload to, straight into storage, or null when the
   * driver has no such thing (local files: the browser PUTs to our own upload route instead).
   */
  presignUpload(
    key: string,
    bytes: number,
    expiresInSeconds: number,
  ): Promise<{ url: string; headers: Record<string, string> } | null>
  /** Deletes staged uploads older than this many seconds (abandoned ones); returns how many. */
  sweepUploads(olderThanSeconds: number): Promise<number>
}
