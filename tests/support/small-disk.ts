// A small filesystem of a test's own, so that "the disk is full" is the kernel's own ENOSPC and not
// a mock: a tmpfs (or, with SMALL_DISK=ext4, an ext4 image on a loop device) mounted over a folder
// the test already filled (its DATA_DIR), then filled to the last byte by one file and emptied again.
// Mounting needs root: CI runs as root; elsewhere the tests that use it are skipped.
import { execFile } from 'node:child_process'
import { open, cp, mkdtemp, readdir, rm, statfs } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll } from 'vitest'

const run = promisify(execFile)

/** Whether this process may mount filesystems (CI must: it runs as root). */
export const canMountSmallDisk = process.getuid?.() === 0

export type SmallDisk = {
  /** Writes one file until the disk refuses with ENOSPC; resolves with the bytes it took. */
  fill: () => Promise<number>
  /** Deletes that file. */
  empty: () => Promise<void>
  /** Bytes an unprivileged writer could still write. */
  freeBytes: () => Promise<number>
  /** Which filesystem it is (tmpfs or ext4). */
  kind: 'tmpfs' | 'ext4'
}

/**
 * Mounts a small filesystem over `folder()` (read once the earlier beforeAll hooks have run, so it
 * can be a fresh database's DATA_DIR), carrying over what the folder held. Call it after the hooks
 * that fill the folder: its afterAll then runs before theirs, which may delete the folder.
 * `beforeUnmount` lets go of whatever this process still has open there.
 */
export function useSmallDisk(
  folder: () => string,
  { megabytes, beforeUnmount }: { megabytes: number; beforeUnmount?: () => Promise<void> },
): SmallDisk {
  const kind = process.env.SMALL_DISK === 'ext4' ? 'ext4' : 'tmpfs'
  let mounted: string | undefined
  let image: string | undefined
  const filler = () => path.join(folder(), '.disk-filler')

  beforeAll(async () => {
    const target = folder()
    const aside = await mkdtemp(path.join(os.tmpdir(), 'small-disk-'))
    try {
      await cp(target, aside, { recursive: true })
      for (const name of await readdir(target)) await rm(path.join(target, name), { recursive: true, force: true })
      if (kind === 'tmpfs') {
        await run('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0755`, 'tmpfs', target])
      } else {
        // No blocks reserved for root: this test runs as root and would otherwise fill them too.
        image = `${aside}.img`
        await run('truncate', ['-s', `${megabytes}M`, image])
        await run('mkfs.ext4', ['-q', '-m', '0', '-F', image])
        await run('mount', ['-o', 'loop', image, target])
      }
      mounted = target
      await cp(aside, target, { recursive: true })
    } finally {
      await rm(aside, { recursive: true, force: true })
    }
  })

  afterAll(async () => {
    if (!mounted) return
    await beforeUnmount?.()
    // A process that still has a file open there (a server that did not stop) must not make the
    // unmount fail the run: detach it lazily instead.
    await run('umount', [mounted]).catch(() => run('umount', ['-l', mounted!]))
    if (image) await rm(image, { force: true })
  })

  return {
    kind,
    async fill() {
      const file = await open(filler(), 'a')
      let written = 0
      try {
        // Big pieces first, then ever smaller ones: the last few blocks are taken too.
        for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 9]) {
          const piece = Buffer.alloc(size, 0xa5)
          for (;;) {
            try {
              const { bytesWritten } = await file.write(piece)
              written += bytesWritten
              if (bytesWritten < size) break
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
              break
            }
          }
        }
      } finally {
        await file.close()
      }
      return written
    },
    async empty() {
      await rm(filler(), { force: true })
    },
    async freeBytes() {
      const disk = await statfs(folder())
      return disk.bavail * disk.bsize
    },
  }
}
