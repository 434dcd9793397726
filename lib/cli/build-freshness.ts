// Whether a Next build folder is newer than everything `next build` reads: `npm run demo` and the
// browser tests skip the build when it is.
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { compiledEntryMatches } from '@/lib/server/bundle-path.mjs'

const BUILD_INPUTS = [
  'app',
  'lib',
  'public',
  'prisma/schema.prisma',
  'next.config.js',
  'instrumentation.ts',
  'proxy.ts',
  'tsconfig.json',
  'package-lock.json',
]

async function newestChange(target: string): Promise<number> {
  const info = await stat(target).catch(() => null)
  if (!info) return 0
  if (!info.isDirectory()) return info.mtimeMs
  const entries = await readdir(target, { withFileTypes: true })
  const times = await Promise.all(entries.map((entry) => newestChange(path.join(target, entry.name))))
  return Math.max(info.mtimeMs, ...times)
}

/** Both halves of `npm run build`: Next's build, newer than its inputs, and the server entry compiled for it. */
export async function buildIsCurrent(root: string, distDir = '.next'): Promise<boolean> {
  const built = await stat(path.join(root, distDir, 'BUILD_ID')).catch(() => null)
  if (!built || !compiledEntryMatches(path.join(root, distDir))) return false
  const inputs = await Promise.all(BUILD_INPUTS.map((input) => newestChange(path.join(root, input))))
  return Math.max(...inputs) < built.mtimeMs
}
