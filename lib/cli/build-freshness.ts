// Whether a Next build folder is newer than everything `next build` reads: `npm run demo` and the
// browser tests skip the build when it is.
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

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

/** Both halves of `npm run build`: Next's build and the compiled server entry (lib/server/bundle.mjs). */
export async function buildIsCurrent(root: string, distDir = '.next'): Promise<boolean> {
  const outputs = await Promise.all(
    [path.join(distDir, 'BUILD_ID'), path.join(distDir, 'lookbook-server/main.mjs')].map((file) =>
      stat(path.join(root, file)).catch(() => null),
    ),
  )
  if (outputs.some((output) => !output)) return false
  const inputs = await Promise.all(BUILD_INPUTS.map((input) => newestChange(path.join(root, input))))
  return Math.max(...inputs) < Math.min(...outputs.map((output) => output!.mtimeMs))
}
