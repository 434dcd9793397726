// A real S3-compatible server for tests: s3rver (an S3 API over local files), on a free port,
// with a fresh bucket. Our S3 driver talks to it through the AWS SDK exactly as it would to AWS.
import path from 'node:path'
import { mkdir } from 'node:fs/promises'
import S3rver from 's3rver'

export type TestS3 = {
  endpoint: string
  bucket: string
  accessKeyId: string
  secretAccessKey: string
  close: () => Promise<void>
}

/**
 * Starts s3rver on a free port, or on `port`: a stopped server's port starts it again for the same
 * endpoint, with the objects it kept in `directory` (the storage outage tests).
 */
export async function startS3Server(
  directory: string,
  bucket = 'lookbook-media',
  port = 0,
  /** The bucket's configuration documents (S3's XML: a CORS rule, say). */
  configs: string[] = [],
): Promise<TestS3> {
  const folder = path.join(directory, 's3')
  await mkdir(folder, { recursive: true })
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    silent: true,
    directory: folder,
    configureBuckets: [{ name: bucket, configs: configs.map((xml) => Buffer.from(xml)) }],
  })
  const address = await server.run()
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    // s3rver's fixed credentials.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    close: () => server.close(),
  }
}

/** The environment that points lib/env (and so lib/storage) at this server. */
export function s3Environment(s3: TestS3): Record<string, string> {
  return {
    S3_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_REGION: 'us-east-1',
  }
}

/** A CORS rule as README asks of a real bucket: browsers on `origin` may PUT uploads. */
export function uploadCorsRule(origin: string): string {
  return `<CORSConfiguration><CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>`
}
