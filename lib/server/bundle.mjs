// Part of `npm run build`, after `next build`: compiles the production server entry (./main.ts and
// the lib modules its fast paths use) into one JavaScript file in the build folder, which
// ./start.mjs runs. Running the TypeScript through tsx instead cost every process a module-loader
// thread with a V8 heap of its own, and an esbuild service process: ~30 MB per worker, measured.
// Packages stay outside the bundle (Node loads them from node_modules, as Next's server does).
import { build } from 'esbuild'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { builtForPath, nextBuildIdPath, ROOT, serverBundlePath } from './bundle-path.mjs'

/**
 * `server-only` marks modules that must never reach a browser bundle; outside Next's bundler it
 * throws on import. This bundle is server code: the mark resolves to nothing, as in Next's server.
 */
const serverOnlyIsNothing = {
  name: 'server-only-is-nothing',
  setup(builder) {
    builder.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'nothing' }))
    builder.onLoad({ filter: /.*/, namespace: 'nothing' }, () => ({ contents: 'export {}', loader: 'js' }))
  },
}

/** How our server-side TypeScript is compiled for Node: this entry, and the commands (lib/cli/run-compiled.mjs). */
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  tsconfig: path.join(ROOT, 'tsconfig.json'),
  plugins: [serverOnlyIsNothing],
  logLevel: 'warning',
}

export async function bundleServer(distDir) {
  const outfile = serverBundlePath(distDir)
  await rm(path.dirname(outfile), { recursive: true, force: true })
  const buildId = await readFile(nextBuildIdPath(distDir), 'utf8').catch(() => {
    throw new Error(`No Next build in ${distDir ?? '.next'}/: run \`next build\` first.`)
  })
  await build({
    entryPoints: [path.join(ROOT, 'lib/server/main.ts')],
    outdir: path.dirname(outfile),
    outExtension: { '.js': '.mjs' },
    // Split at the dynamic imports, so the primary loads neither Next nor the database drivers the
    // workers use (the embedded database it owns comes in its own chunk, and only when used).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    ...nodeBundle,
  })
  // Which Next build this entry was compiled with: ./start.mjs refuses a pair that does not match.
  await writeFile(builtForPath(distDir), buildId)
  return outfile
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outfile = await bundleServer()
  console.log(`Server entry compiled: ${path.relative(ROOT, outfile)}`)
}
