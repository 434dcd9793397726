// A product image the feed names, fetched to be stored as our own media: bounded in time and size
// like the feed itself. Whether a failure may pass (the address is wrong for good: 404, not found
// in DNS, too large) or should be tried again at the next sync (a timeout, a 5xx, a reset) is the
// caller's to decide from `lasting`.

export type ImageFetchLimits = { timeoutMs: number; maxBytes: number }

/** Product photos are well under this; a larger answer is not a product photo. */
export const DEFAULT_IMAGE_LIMITS: ImageFetchLimits = { timeoutMs: 15_000, maxBytes: 10 * 1024 * 1024 }

export class ImageFetchError extends Error {
  constructor(
    message: string,
    /** True when trying again later will not help. */
    readonly lasting: boolean,
    /** True when it says so of every address on the same host (its name is not known). */
    readonly wholeHost = false,
  ) {
    super(message)
  }
}

export async function downloadImage(url: string, limits: ImageFetchLimits = DEFAULT_IMAGE_LIMITS): Promise<Buffer> {
  if (!/^https?:\/\//i.test(url)) throw new ImageFetchError('not an http(s) address', true)
  const signal = AbortSignal.timeout(limits.timeoutMs)
  const tooSlow = () => new ImageFetchError(`did not arrive within ${limits.timeoutMs / 1000} s`, false)
  let response: Response
  try {
    response = await fetch(url, {
      signal,
      redirect: 'follow',
      // Said plainly who asks: CDNs that turn away unnamed clients let a named one through.
      headers: { accept: 'image/avif,image/webp,image/*', 'user-agent': 'Lookbook-feed-sync/1.0 (product images)' },
    })
  } catch (error) {
    if (signal.aborted) throw tooSlow()
    const code = (error as { cause?: { code?: string } }).cause?.code
    // NXDOMAIN is an answer: the host does not exist. EAI_AGAIN and the rest may pass.
    if (code === 'ENOTFOUND') throw new ImageFetchError(`its host is not known (${code})`, true, true)
    throw new ImageFetchError(`cannot be reached (${code ?? (error as Error).message})`, false)
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    // A 4xx is for good, but for a bot guard's 401/403 and a busy server's 408/429.
    const lasting = response.status >= 400 && response.status < 500 && ![401, 403, 408, 429].includes(response.status)
    throw new ImageFetchError(`the server answered ${response.status} ${response.statusText}`.trim(), lasting)
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > limits.maxBytes) {
    await response.body.cancel()
    throw tooLarge(limits.maxBytes)
  }
  const chunks: Uint8Array[] = []
  let bytes = 0
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength
      if (bytes > limits.maxBytes) throw tooLarge(limits.maxBytes)
      chunks.push(chunk)
    }
  } catch (error) {
    if (error instanceof ImageFetchError) throw error
    if (signal.aborted) throw tooSlow()
    throw new ImageFetchError(`broke off while arriving (${(error as Error).message})`, false)
  }
  return Buffer.concat(chunks)
}

const tooLarge = (maxBytes: number) =>
  new ImageFetchError(`larger than ${Math.round(maxBytes / 1024 / 1024)} MB, more than a product photo`, true)
