// node lib/cli/run-compiled.mjs <command.ts> [arguments] — runs a command's TypeScript compiled
// into one JavaScript file first (esbuild, a fraction of a second), as the production server is
// (lib/server/bundle.mjs), instead of through tsx. tsx costs a process a module-loader thread with
// a V8 heap of its own and an esbuild service, ~30 MB: the feed commands run beside the site for
// hours (the worker) and a 50,000-product sync must stay under 200 MB. Packages stay outside the
// bundle and load from node_modules, which is why the file is written under node_modules/.cache.
import { build, stop } from 'esbuild'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT } from '../server/bundle-path.mjs'
import { nodeBundle } from '../server/bundle.mjs'

// The command sees its own arguments where it expects them, as under tsx.
const [entry] = process.argv.splice(2, 1)
if (!entry?.endsWith('.ts')) {
  console.error('usage: node lib/cli/run-compiled.mjs <command.ts> [arguments]')
  process.exit(2)
}
const name = path.basename(entry, '.ts')
// One file per process: two commands started at once must not write over each other's.
const outfile = path.join(ROOT, 'node_modules/.cache/lookbook-cli', `${name}-${process.pid}.mjs`)
await build({ entryPoints: [path.resolve(ROOT, entry)], outfile, ...nodeBundle })
// The compiler's service process is not needed any more.
await stop()
try {
  await import(pathToFileURL(outfile).href)
} finally {
  // Loaded: the file is not read again (the bundle has no chunks to load later). At once: the
  // command may end the process (process.exit) before anything asynchronous gets its turn.
  rmSync(outfile, { force: true })
}
