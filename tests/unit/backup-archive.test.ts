// The backup's tar file against the system's own tar: what we write, tar reads byte for byte, and
// what tar writes (ustar), we read. Cut-short files are refused rather than half read.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ArchiveError,
  type ArchiveInput,
  extractArchiveEntry,
  readArchiveEntry,
  readArchiveIndex,
  writeArchive,
} from '@/lib/db/backup/archive'
import { libpqEnvironment } from '@/lib/db/backup/postgres'

const dir = await mkdtemp(path.join(os.tmpdir(), 'lookbook-archive-'))
afterAll(() => rm(dir, { recursive: true, force: true }))

const bytesOf = (size: number, seed: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * seed) % 251))

describe('backup archive', () => {
  it('writes tar files that tar reads byte for byte', async () => {
    const big = path.join(dir, 'big.bin')
    await writeFile(big, bytesOf(70_001, 7))
    const target = path.join(dir, 'ours.tar')
    const entries: ArchiveInput[] = [
      { name: 'manifest.json', bytes: Buffer.from('{"hello":"wörld"}') },
      { name: 'empty', bytes: Buffer.alloc(0) },
      { name: 'exactly-a-block', bytes: bytesOf(512, 3) },
      { name: 'database.pgdump', file: big },
    ]
    await writeArchive(target, entries)
    expect(execFileSync('tar', ['-tf', target], { encoding: 'utf8' }).trim().split('\n')).toEqual(
      entries.map((e) => e.name),
    )
    for (const entry of entries) {
      const expected = 'bytes' in entry ? entry.bytes : await readFile(entry.file)
      expect(execFileSync('tar', ['-xOf', target, entry.name]).equals(expected), entry.name).toBe(true)
    }
    const index = await readArchiveIndex(target)
    expect(index.map(({ name, size }) => [name, size])).toEqual([
      ['manifest.json', 18],
      ['empty', 0],
      ['exactly-a-block', 512],
      ['database.pgdump', 70_001],
    ])
    expect((await readArchiveEntry(target, index[0]!)).toString()).toBe('{"hello":"wörld"}')
    const extracted = path.join(dir, 'extracted.bin')
    await extractArchiveEntry(target, index[3]!, extracted)
    expect((await readFile(extracted)).equals(await readFile(big))).toBe(true)
    await expect(writeArchive(target, entries)).rejects.toThrow(/EEXIST/)
  })

  it("reads tar's own ustar files, and refuses cut-short ones", async () => {
    await writeFile(path.join(dir, 'a.txt'), 'first')
    await writeFile(path.join(dir, 'b.bin'), bytesOf(1_000, 11))
    const theirs = path.join(dir, 'theirs.tar')
    execFileSync('tar', ['--format=ustar', '-cf', theirs, '-C', dir, 'a.txt', 'b.bin'])
    const index = await readArchiveIndex(theirs)
    expect(index.map((entry) => entry.name)).toEqual(['a.txt', 'b.bin'])
    expect((await readArchiveEntry(theirs, index[1]!)).equals(bytesOf(1_000, 11))).toBe(true)

    await truncate(theirs, 1_200)
    await expect(readArchiveIndex(theirs)).rejects.toThrow(ArchiveError)
    await writeFile(theirs, 'not a tar file at all, but long enough to hold a header'.repeat(20))
    await expect(readArchiveIndex(theirs)).rejects.toThrow(/is not a tar file/)
  })
})

describe('connection for the PostgreSQL tools', () => {
  it('passes the password in the environment, never on the command line, and picks the TLS mode', () => {
    const env = libpqEnvironment('postgresql://app:s%40cret@db.example.com:6543/shop?connection_limit=5', 'auto', 16)
    expect(env).toMatchObject({
      PGHOST: 'db.example.com',
      PGPORT: '6543',
      PGUSER: 'app',
      PGPASSWORD: 's@cret',
      PGDATABASE: 'shop',
      PGSSLMODE: 'verify-full',
      PGSSLROOTCERT: 'system',
    })
    expect(libpqEnvironment('postgresql://postgres@127.0.0.1/x', 'auto', 15).PGSSLMODE).toBe('prefer')
    expect(libpqEnvironment('postgresql://u@h/x?sslmode=require', 'auto', 15).PGSSLMODE).toBe('require')
    expect(libpqEnvironment('postgresql://u@h/x', 'no-verify', 15).PGSSLMODE).toBe('require')
    expect(libpqEnvironment('postgresql://u@h/x', 'verify', 15)).not.toHaveProperty('PGSSLROOTCERT')
  })
})
