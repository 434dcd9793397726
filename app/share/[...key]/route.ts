// Link previews' pictures: /share/<media key> is that image composed at 1200×630
// (lib/media/share-image.ts). Media keys are content-addressed, so the answer for a key never
// changes and is cached for a year; a new cover is a new key, a new address, and a fresh preview.
import { immutableImage, storedMediaOr404 } from '@/lib/http/media-answers'
import { composeShareImage } from '@/lib/media/share-image'
import { SHARE_IMAGE } from '@/lib/media/share-image-address'

export async function GET(request: Request, { params }: { params: Promise<{ key: string[] }> }) {
  // One address per image: a query string would make every cache miss and compose it again.
  const url = new URL(request.url)
  if (url.search) return new Response(null, { status: 308, headers: { Location: url.pathname } })
  const stored = await storedMediaOr404((await params).key.join('/'))
  if (stored instanceof Response) return stored
  // s-maxage too: Vercel's CDN keeps only what says it may be shared.
  return immutableImage(
    await composeShareImage(stored.body),
    SHARE_IMAGE.type,
    'public, max-age=31536000, s-maxage=31536000, immutable',
  )
}
