// What the media routes answer (app/media, app/share): the stored image a media key names, or a
// 404 saying why; and an image whose address never changes, cached for a year.
import { mediaStorage } from '@/lib/storage'
import { isMediaKey } from '@/lib/storage/keys'

/** The stored image, or the 404 to answer when the key is not one of ours or nothing is stored. */
export async function storedMediaOr404(key: string): Promise<{ body: Buffer; contentType: string } | Response> {
  if (!isMediaKey(key)) return Response.json({ error: 'Not a media key.' }, { status: 404 })
  const object = await mediaStorage().get(key)
  return object ?? Response.json({ error: 'No such media.' }, { status: 404 })
}

export function immutableImage(body: Buffer, contentType: string, cacheControl: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': contentType,
      'Content-Length': String(body.length),
      'Cache-Control': cacheControl,
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
