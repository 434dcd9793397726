// Where a sync reads the feed from: an http(s) address or a file. Either way the feed is first
// copied into a temporary file, streamed, so that the sync can read it twice — once to check it
// whole before changing anything, once to apply it — and both readings see the same feed even if
// the file is rewritten or the server answers differently meanwhile.
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { FeedHints } from './read-feed'

/** A feed held for one sync. */
export type FeedSnapshot = {
  /** The address without credentials, or the file's path: for reports. */
  source: string
  hints: FeedHints
  bytes: number
  open(): AsyncIterable<Uint8Array>
  discard(): Promise<void>
}

/** The feed could not be fetched at all: the catalogue stays as it was. */
export class FeedFetchError extends Error {}

export type FetchLimits = { timeoutMs: number; maxBytes: number }

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 60_000, maxBytes: 1024 * 1024 * 1024 }

export function isFeedUrl(source: string): boolean {
  return /^https?:\/\//i.test(source)
}

/** The address as reports may show it: no user name, password or query (tokens live there). */
export function shownSource(source: string): string {
  if (!isFeedUrl(source)) return source
  const url = new URL(source)
  return `${url.origin}${url.pathname}`
}

export async function snapshotFeed(source: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<FeedSnapshot> {
  const folder = await mkdtemp(path.join(tmpdir(), 'lookbook-feed-'))
  const file = path.join(folder, 'feed')
  const discard = () => rm(folder, { recursive: true, force: true })
  try {
    const hints = isFeedUrl(source) ? await download(source, file, limits) : await copy(source, file, limits)
    const { size } = await stat(file)
    return { source: shownSource(source), hints, bytes: size, open: () => createReadStream(file), discard }
  } catch (error) {
    await discard()
    throw error
  }
}

async function download(url: string, file: string, limits: FetchLimits): Promise<FeedHints> {
  const signal = AbortSignal.timeout(limits.timeoutMs)
  const shown = shownSource(url)
  const tooSlow = () => new FeedFetchError(`The feed at ${shown} did not arrive within ${limits.timeoutMs / 1000} s.`)
  let response: Response
  try {
    response = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'application/xml, text/*;q=0.9' } })
  } catch (error) {
    if (signal.aborted) throw tooSlow()
    throw new FeedFetchError(`The feed at ${shown} cannot be reached: ${reason(error)}.`)
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    throw new FeedFetchError(`The feed server answered ${response.status} ${response.statusText} for ${shown}.`)
  }
  try {
    await pipeline(Readable.fromWeb(response.body as never), capped(limits.maxBytes, shown), createWriteStream(file))
  } catch (error) {
    if (error instanceof FeedFetchError) throw error
    if (signal.aborted) throw tooSlow()
    throw new FeedFetchError(`The feed at ${shown} broke off while arriving: ${reason(error)}.`)
  }
  return { name: new URL(url).pathname, contentType: response.headers.get('content-type') ?? undefined }
}

async function copy(file: string, target: string, limits: FetchLimits): Promise<FeedHints> {
  try {
    await pipeline(createReadStream(file), capped(limits.maxBytes, file), createWriteStream(target))
  } catch (error) {
    if (error instanceof FeedFetchError) throw error
    throw new FeedFetchError(`The feed file ${file} cannot be read: ${reason(error)}.`)
  }
  return { name: file }
}

/** Passes bytes on up to a limit: a feed without end must not fill the disk. */
function capped(maxBytes: number, shown: string): Transform {
  let total = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length
      if (total > maxBytes)
        done(new FeedFetchError(`The feed at ${shown} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`))
      else done(null, chunk)
    },
  })
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error as Error).message
}
