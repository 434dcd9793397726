// Serves media from the local storage driver (the embedded default). Keys are content-addressed,
// so a response never changes and can be cached for a year. With S3, browsers load from the
// bucket's URL and this route is not used.
import { mediaStorage } from '@/lib/storage'
import { isMediaKey } from '@/lib/storage/keys'

export async function GET(_request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const key = `media/${(await params).key.join('/')}`
  if (!isMediaKey(key)) return Response.json({ error: 'Not a media key.' }, { status: 404 })
  const object = await mediaStorage().get(key)
  if (!object) return Response.json({ error: 'No such media.' }, { status: 404 })
  return new Response(new Uint8Array(object.body), {
    headers: {
      'Content-Type': object.contentType,
      'Content-Length': String(object.body.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
