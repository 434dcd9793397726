// Link previews' pictures: /share/<media key> is that image composed at 1200×630
// (lib/media/share-image.ts). Media keys are content-addressed, so the answer for a key never
// changes and is cached for a year; a new cover is a new key, a new address, and a fresh preview.
import { mediaStorage } from '@/lib/storage'
import { isMediaKey } from '@/lib/storage/keys'
import { composeShareImage, SHARE_IMAGE } from '@/lib/media/share-image'

export async function GET(request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  // One address per image: a query string would make every cache miss and compose it again.
  const url = new URL(request.url)
  if (url.search) return new Response(null, { status: 308, headers: { Location: url.pathname } })
  const key = (await params).key.join('/')
  if (!isMediaKey(key)) return Response.json({ error: 'Not a media key.' }, { status: 404 })
  const object = await mediaStorage().get(key)
  if (!object) return Response.json({ error: 'No such media.' }, { status: 404 })
  const body = await composeShareImage(object.body)
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': SHARE_IMAGE.type,
      'Content-Length': String(body.length),
      'Cache-Control': 'public, max-age=31536000, s-maxage=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
