// Storage keys are built here and nowhere else.
// Media keys are content-addressed: the same bytes always get the same key, so re-running the
// seed stores nothing twice and a key can be cached forever (immutable).
import { createHash, randomBytes } from 'node:crypto'

export { sizedKeyOf, type SizedFormat } from './sized-keys'

const extensionByMime: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
}

export function mediaExtension(mime: string): string {
  const extension = extensionByMime[mime]
  if (!extension) throw new Error(`Unsupported media type ${mime}`)
  return extension
}

export function mediaKeyFor(body: Buffer, mime: string): string {
  const digest = createHash('sha256').update(body).digest('hex').slice(0, 32)
  return `media/${digest.slice(0, 2)}/${digest}.${mediaExtension(mime)}`
}

/** Only keys this module could have built are served (an original or one of its sizes); anything else is refused. */
export function isMediaKey(key: string): boolean {
  return /^media\/[0-9a-f]{2}\/[0-9a-f]{32}(-w[1-9][0-9]{1,4})?\.(jpg|png|webp|avif)$/.test(key)
}

export function mimeOfMediaKey(key: string): string | undefined {
  const extension = key.slice(key.lastIndexOf('.') + 1)
  return Object.entries(extensionByMime).find(([, ext]) => ext === extension)?.[0]
}

/**
 * Where an upload waits until it is checked: a random key the server picks, outside `media/`, so
 * nothing unverified is ever served. The checked bytes move to their content-addressed media key.
 */
export function uploadKey(): string {
  return `uploads/${randomBytes(16).toString('hex')}`
}

export function isUploadKey(key: string): boolean {
  return /^uploads\/[0-9a-f]{32}$/.test(key)
}

/** The media key a public media URL ends with (both drivers' URLs do), or null for any other URL. */
export function mediaKeyOfUrl(url: string): string | null {
  const match = /(media\/[0-9a-f]{2}\/[0-9a-f]{32}\.(?:jpg|png|webp|avif))$/.exec(new URL(url, 'http://x').pathname)
  return match ? match[1]! : null
}
