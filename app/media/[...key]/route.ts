// Serves media from the local storage driver (the embedded default). Keys are content-addressed,
// so a response never changes and can be cached for a year. With S3, browsers load from the
// bucket's URL and this route is not used.
import { immutableImage, storedMediaOr404 } from '@/lib/http/media-answers'

export async function GET(_request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const stored = await storedMediaOr404(`media/${(await params).key.join('/')}`)
  if (stored instanceof Response) return stored
  return immutableImage(stored.body, stored.contentType, 'public, max-age=31536000, immutable')
}
