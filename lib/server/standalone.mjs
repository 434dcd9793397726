// npm run build:standalone — the site as one folder that a plain server runs with Node alone:
// `next build` with Next's standalone output (the server files and only the node_modules they
// use, traced), our production server entry compiled beside it with the packages it uses traced
// the same way, the static assets and public/. Copy <dist>/standalone/ to the server and run
// `node lib/server/start.mjs` there (docs/deploy-server.md). Built into NEXT_DIST_DIR (.next).
import { spawnSync } from 'node:child_process'
import { cp, mkdir, readdir, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ROOT, serverBundlePath } from './bundle-path.mjs'
import { bundleServer } from './bundle.mjs'

const require = createRequire(import.meta.url)

/** Files under a folder, recursively. */
async function filesUnder(folder) {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}

async function folderBytes(folder) {
  let total = 0
  for (const file of await filesUnder(folder)) total += (await stat(file)).size
  return total
}

/**
 * Copies what the compiled server entry needs at run time and Next's trace left out (the entry
 * is not one of Next's routes): node_modules files found by Next's own tracer, @vercel/nft.
 */
async function copyEntryDependencies(distDir, target) {
  const { nodeFileTrace } = require('next/dist/compiled/@vercel/nft')
  const entryFiles = await filesUnder(path.dirname(serverBundlePath(distDir)))
  const { fileList } = await nodeFileTrace(entryFiles, { base: ROOT, processCwd: ROOT })
  let copied = 0
  for (const file of fileList) {
    if (!file.startsWith('node_modules/')) continue
    const destination = path.join(target, file)
    if (await stat(destination).catch(() => null)) continue
    const source = path.join(ROOT, file)
    if (!(await stat(source)).isFile()) continue
    await mkdir(path.dirname(destination), { recursive: true })
    await cp(source, destination)
    copied++
  }
  return copied
}

export async function buildStandalone(distDir = process.env.NEXT_DIST_DIR || '.next') {
  const built = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    cwd: ROOT,
    env: { ...process.env, BUILD_STANDALONE: '1', NEXT_DIST_DIR: distDir },
    stdio: 'inherit',
  })
  if (built.status !== 0) throw new Error(`next build failed (exit ${built.status})`)
  await bundleServer(distDir)
  const target = path.join(ROOT, distDir, 'standalone')
  // Next leaves these out of standalone/: a CDN may serve them; here the server does.
  await cp(path.join(ROOT, distDir, 'static'), path.join(target, distDir, 'static'), { recursive: true })
  if (await stat(path.join(ROOT, 'public')).catch(() => null))
    await cp(path.join(ROOT, 'public'), path.join(target, 'public'), { recursive: true })
  // The entry, compiled for this build, and the two small files that start it.
  const entryDir = path.dirname(serverBundlePath(distDir))
  await cp(entryDir, path.join(target, path.relative(ROOT, entryDir)), { recursive: true })
  for (const file of ['lib/server/start.mjs', 'lib/server/bundle-path.mjs'])
    await cp(path.join(ROOT, file), path.join(target, file))
  // The migrations: the readiness check compares the database with them.
  await cp(path.join(ROOT, 'prisma/migrations'), path.join(target, 'prisma/migrations'), { recursive: true })
  const copied = await copyEntryDependencies(distDir, target)
  return { target, copied, bytes: await folderBytes(target) }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { target, copied, bytes } = await buildStandalone()
  console.log(
    `Standalone build: ${path.relative(ROOT, target)}/ (${(bytes / 1024 / 1024).toFixed(0)} MB; ${copied} files the server entry needs added to Next's trace). ` +
      'Run it with: node lib/server/start.mjs (in that folder). See docs/deploy-server.md.',
  )
}
