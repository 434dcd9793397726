// A copy of this work tree as `git clone` and `npm ci` would leave it, for the tests that follow a
// deploy guide in a folder of their own (the plain-server guide, vercel build).
import { spawnSync } from 'node:child_process'
import { copyFile, cp, mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'vitest'
import { ROOT } from './test-env'

/** Stands in for `git clone` and `npm ci`: this work tree as it is, node_modules hard-linked. */
export async function copyWorkTree(target: string): Promise<void> {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  expect(listed.status, listed.stderr).toBe(0)
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const source = path.join(ROOT, file)
    if (!(await stat(source).catch(() => null))?.isFile()) continue // deleted in the work tree
    await mkdir(path.dirname(path.join(target, file)), { recursive: true })
    await copyFile(source, path.join(target, file))
  }
  // What npm ci's postinstall (prisma generate) makes; git ignores it.
  await cp(path.join(ROOT, 'lib/db/generated'), path.join(target, 'lib/db/generated'), { recursive: true })
  // Hard links: seconds instead of a copy of 1 GB (the install is skipped, nothing writes there).
  // A real copy where the temporary folder is on another filesystem.
  const modules = [path.join(ROOT, 'node_modules'), path.join(target, 'node_modules')]
  const linked = spawnSync('cp', ['-al', ...modules], { encoding: 'utf8' })
  if (linked.status !== 0) expect(spawnSync('cp', ['-a', ...modules], { encoding: 'utf8' }).status).toBe(0)
}
