// Media in an S3 bucket (AWS, or any S3-compatible server through S3_ENDPOINT). Browsers load
// objects from the bucket (or a CDN in front: S3_PUBLIC_URL) and upload with presigned PUTs, so
// image bytes never pass through our dynos on the way in or out.
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import type { MediaStorage } from './types'
import { isUnreachableCode } from '@/lib/network-errors'
import { StorageUnavailable } from './errors'
import { isMediaKey, isUploadKey, mimeOfMediaKey } from './keys'

export type S3Settings = {
  bucket: string
  region: string
  endpoint?: string
  credentials?: { accessKeyId: string; secretAccessKey: string }
  publicUrl?: string
}

function checkedKey(key: string): string {
  if (!isMediaKey(key) && !isUploadKey(key)) throw new Error(`Not a storage key: ${key}`)
  return key
}

// A connection that cannot be made or breaks off, or the bucket's own 5xx (the SDK has retried all
// of these already): storage is down, and the same request may well work in a minute.
function unreachable(error: unknown): boolean {
  const { code, name, $metadata } = error as { code?: string; name?: string; $metadata?: { httpStatusCode?: number } }
  return isUnreachableCode(code) || name === 'TimeoutError' || ($metadata?.httpStatusCode ?? 0) >= 500
}

/** Runs one call to the bucket, turning an outage into StorageUnavailable (callers answer 503, not 500). */
async function reaching<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw unreachable(error) ? new StorageUnavailable(operation, error) : error
  }
}

const missing = (error: unknown) =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404

export function createS3Storage(options: S3Settings): MediaStorage {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    // S3-compatible servers rarely have per-bucket DNS names.
    forcePathStyle: Boolean(options.endpoint),
    credentials: options.credentials,
    // The SDK's default CRC32 checksums on every request are not understood by every
    // S3-compatible server, and would have to be computed by the browser for presigned PUTs.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const Bucket = options.bucket
  const base = s3PublicBase(options)

  return {
    driver: 's3',
    async put(key, body, contentType) {
      const command = new PutObjectCommand({
        Bucket,
        Key: checkedKey(key),
        Body: body,
        ContentType: contentType,
        // Media keys name their content, so an object never changes: cache it for a year.
        CacheControl: isMediaKey(key) ? 'public, max-age=31536000, immutable' : 'no-store',
      })
      await reaching('put', () => client.send(command))
    },
    async get(key) {
      try {
        return await reaching('get', async () => {
          const object = await client.send(new GetObjectCommand({ Bucket, Key: checkedKey(key) }))
          // Reading the body is part of the call: the connection can break off half-way.
          const body = Buffer.from(await object.Body!.transformToByteArray())
          return { body, contentType: object.ContentType ?? mimeOfMediaKey(key) ?? 'application/octet-stream' }
        })
      } catch (error) {
        if (missing(error)) return null
        throw error
      }
    },
    async exists(key) {
      try {
        await reaching('exists', () => client.send(new HeadObjectCommand({ Bucket, Key: checkedKey(key) })))
        return true
      } catch (error) {
        if (missing(error)) return false
        throw error
      }
    },
    async delete(key) {
      await reaching('delete', () => client.send(new DeleteObjectCommand({ Bucket, Key: checkedKey(key) })))
    },
    publicUrl(key) {
      return `${base}/${key}`
    },
    async presignUpload(key, bytes, expiresIn) {
      if (!isUploadKey(key)) throw new Error(`Uploads go to upload keys only, not ${key}`)
      // The length is signed: S3 refuses a body of any other size.
      const url = await getSignedUrl(client, new PutObjectCommand({ Bucket, Key: key, ContentLength: bytes }), {
        expiresIn,
      })
      return { url, headers: {} }
    },
    async sweepUploads(olderThanSeconds) {
      // One page (up to 1000 staged objects) per call is plenty: it runs at every upload's start.
      const listed = await reaching('list', () => client.send(new ListObjectsV2Command({ Bucket, Prefix: 'uploads/' })))
      const old = (listed.Contents ?? []).filter(
        (object) =>
          object.Key && object.LastModified && Date.now() - object.LastModified.getTime() > olderThanSeconds * 1000,
      )
      if (old.length === 0) return 0
      const command = new DeleteObjectsCommand({
        Bucket,
        Delete: { Objects: old.map((object) => ({ Key: object.Key! })), Quiet: true },
      })
      await reaching('sweep', () => client.send(command))
      return old.length
    },
  }
}

/**
 * Where browsers load media from: a CDN in front of the bucket when one is set, else the
 * S3-compatible endpoint's path-style URL, else the bucket's own AWS URL. Without a trailing slash.
 */
function s3PublicBase({ bucket, region, endpoint, publicUrl }: S3Settings): string {
  const base =
    publicUrl ||
    (endpoint ? `${endpoint.replace(/\/$/, '')}/${bucket}` : `https://${bucket}.s3.${region}.amazonaws.com`)
  return base.replace(/\/$/, '')
}
