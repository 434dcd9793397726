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

export async function startS3Server(directory: string, bucket = 'lookbook-media'): Promise<TestS3> {
  const folder = path.join(directory, 's3')
  await mkdir(folder, { recursive: true })
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: folder,
    configureBuckets: [{ name: bucket, configs: [] }],
  })
  const { port } = await server.run()
  return {
    endpoint: `http://127.0.0.1:${port}`,
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
