// Compression for the front cache: each stored answer is compressed once per encoding, and every
// visitor gets the smallest one their browser accepts.
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

export type Encoding = 'br' | 'gzip' | 'identity'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESSIBLE_BYTES = 860
const COMPRESSIBLE_TYPE =
  /^(text\/|application\/(json|javascript|xml|rss\+xml|manifest\+json|ld\+json)|image\/svg\+xml)/i

/**
 * The body in every encoding worth keeping. Immutable assets (hashed scripts and styles) get the
 * best brotli: they are compressed once for the life of the build. Pages, re-rendered every few
 * seconds to minutes, get a quality that costs a few milliseconds.
 */
export async function compressVariants(
  body: Buffer,
  contentType: string | string[] | undefined,
  cacheControl: string | string[] | undefined,
): Promise<{ identity: Buffer; gzip?: Buffer; br?: Buffer }> {
  if (body.length < MIN_COMPRESSIBLE_BYTES || !COMPRESSIBLE_TYPE.test(String(contentType ?? '')))
    return { identity: body }
  const immutable = /immutable/.test(String(cacheControl ?? ''))
  await compressionSlot()
  try {
    const gzipped = await gzipAsync(body, { level: immutable ? 9 : 6 })
    const brotlied = await brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: immutable ? 11 : 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        // A window no larger than the body: the default (4 MB) costs memory for nothing.
        [constants.BROTLI_PARAM_LGWIN]: Math.min(
          constants.BROTLI_MAX_WINDOW_BITS,
          Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(body.length + 1))),
        ),
      },
    })
    return {
      identity: body,
      ...(gzipped.length < body.length ? { gzip: gzipped } : {}),
      ...(brotlied.length < body.length ? { br: brotlied } : {}),
    }
  } finally {
    releaseCompressionSlot()
  }
}

// Each compression holds a few MB of native memory until it ends: a burst of regenerated pages
// (a spike after an invalidation) must not hold dozens at once. Two at a time keeps the core busy.
const MAX_CONCURRENT_COMPRESSIONS = 2
let running = 0
const waiting: (() => void)[] = []

function compressionSlot(): Promise<void> {
  if (running < MAX_CONCURRENT_COMPRESSIONS) {
    running += 1
    return Promise.resolve()
  }
  return new Promise((resolve) => waiting.push(resolve))
}

function releaseCompressionSlot(): void {
  const next = waiting.shift()
  if (next) next()
  else running -= 1
}

/**
 * The encoding to send, from the request's Accept-Encoding: brotli, then gzip, then none. A
 * q-value of 0 refuses an encoding; other q-values are treated alike (browsers send none).
 */
export function chooseEncoding(
  acceptEncoding: string | string[] | undefined,
  available: Partial<Record<Encoding, Buffer>>,
): Encoding {
  if (!acceptEncoding || (!available.br && !available.gzip)) return 'identity'
  const { br, gzip } = acceptedEncodings(String(acceptEncoding))
  if (available.br && br) return 'br'
  if (available.gzip && gzip) return 'gzip'
  return 'identity'
}

// Browsers send a handful of distinct Accept-Encoding values: each is read once, not per request.
const acceptedByHeader = new Map<string, { br: boolean; gzip: boolean }>()
function acceptedEncodings(header: string): { br: boolean; gzip: boolean } {
  let accepted = acceptedByHeader.get(header)
  if (!accepted) {
    const lower = header.toLowerCase()
    accepted = { br: accepts(lower, 'br'), gzip: accepts(lower, 'gzip') }
    if (acceptedByHeader.size >= 64) acceptedByHeader.clear() // odd clients must not grow it
    acceptedByHeader.set(header, accepted)
  }
  return accepted
}

function accepts(header: string, encoding: string): boolean {
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';')
    if (name !== encoding && name !== '*') continue
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='))
    return !q || Number(q.slice(2)) > 0
  }
  return false
}
