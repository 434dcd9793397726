// A backup is one tar file (POSIX ustar), so an operator can look inside with `tar -tvf`: the
// manifest first, then the database's dump. Only what backups need: regular files, names under
// 100 bytes, sizes under 8 GiB (the format's 11 octal digits).
import { createReadStream, createWriteStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'

const BLOCK = 512
const MAX_SIZE = 8 ** 11 - 1

export type ArchiveInput = { name: string } & ({ bytes: Uint8Array } | { file: string })
export type ArchiveEntry = { name: string; size: number; /** where its bytes start in the archive */ offset: number }

export class ArchiveError extends Error {}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0'
}

function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) >= 100) throw new ArchiveError(`archive entry name too long: ${name}`)
  if (size > MAX_SIZE) throw new ArchiveError(`archive entry too large for tar: ${name} (${size} bytes)`)
  const block = Buffer.alloc(BLOCK)
  block.write(name, 0, 'utf8')
  block.write(octal(0o644, 8), 100)
  block.write(octal(0, 8), 108) // uid
  block.write(octal(0, 8), 116) // gid
  block.write(octal(size, 12), 124)
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136)
  block.write('        ', 148) // the checksum counts its own field as spaces
  block.write('0', 156) // a regular file
  block.write('ustar\0' + '00', 257)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(octal(sum, 7) + ' ', 148)
  return block
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK)

/**
 * Writes the entries, in order, to a new tar file at `target`, readable by its owner only (a
 * backup holds editors' emails and password hashes), and flushed to the disk before it returns.
 */
export async function writeArchive(target: string, entries: ArchiveInput[]): Promise<void> {
  const handle = await open(target, 'wx', 0o600)
  const out = handle.createWriteStream({ autoClose: false })
  const done = new Promise<void>((resolve, reject) => {
    out.once('error', reject)
    out.once('close', resolve)
  })
  // Awaited at the end; when a write fails first, that write's error is the one reported.
  done.catch(() => undefined)
  const write = (bytes: Uint8Array) =>
    new Promise<void>((resolve, reject) => out.write(bytes, (error) => (error ? reject(error) : resolve())))
  try {
    const now = new Date()
    for (const entry of entries) {
      if ('bytes' in entry) {
        await write(header(entry.name, entry.bytes.byteLength, now))
        await write(entry.bytes)
        await write(padding(entry.bytes.byteLength))
      } else {
        const { size } = await stat(entry.file)
        await write(header(entry.name, size, now))
        await pipeline(createReadStream(entry.file), out, { end: false })
        await write(padding(size))
      }
    }
    await write(Buffer.alloc(BLOCK * 2)) // the end of the archive
    await new Promise<void>((resolve) => out.end(resolve))
    await handle.sync()
  } finally {
    out.destroy()
    await handle.close().catch(() => undefined)
  }
  await done
}

/** The entries of a tar file written by writeArchive (or by tar, for plain files). */
export async function readArchiveIndex(source: string): Promise<ArchiveEntry[]> {
  const file = await open(source, 'r')
  try {
    const entries: ArchiveEntry[] = []
    const { size: total } = await file.stat()
    const block = Buffer.alloc(BLOCK)
    for (let offset = 0; offset + BLOCK <= total;) {
      await file.read(block, 0, BLOCK, offset)
      if (block.every((byte) => byte === 0)) return entries
      if (block.toString('latin1', 257, 262) !== 'ustar') throw new ArchiveError(`${source} is not a tar file`)
      const name = block.toString('utf8', 0, 100).replace(/\0.*$/s, '')
      const size = parseInt(block.toString('latin1', 124, 136).replace(/\0.*$/s, '').trim(), 8)
      if (!Number.isFinite(size) || offset + BLOCK + size > total)
        throw new ArchiveError(`${source} is cut short (entry ${name})`)
      entries.push({ name, size, offset: offset + BLOCK })
      offset += BLOCK + size + padding(size).length
    }
    throw new ArchiveError(`${source} is cut short (no end of archive)`)
  } finally {
    await file.close()
  }
}

/** One entry's bytes (for the small ones: the manifest, an embedded database's tarball). */
export async function readArchiveEntry(source: string, entry: ArchiveEntry): Promise<Buffer> {
  const file = await open(source, 'r')
  try {
    const bytes = Buffer.alloc(entry.size)
    await file.read(bytes, 0, entry.size, entry.offset)
    return bytes
  } finally {
    await file.close()
  }
}

/** Copies one entry's bytes to a file of its own (a PostgreSQL dump for pg_restore). */
export async function extractArchiveEntry(source: string, entry: ArchiveEntry, target: string): Promise<void> {
  if (entry.size === 0) return void (await open(target, 'w').then((f) => f.close()))
  await pipeline(
    createReadStream(source, { start: entry.offset, end: entry.offset + entry.size - 1 }),
    createWriteStream(target),
  )
}
