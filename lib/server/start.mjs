// npm start: runs the production server entry that `npm run build` compiled from ./main.ts into
// the build folder (./bundle.mjs). Every process of the server (primary and workers) starts here.
import cluster from 'node:cluster'
import { pathToFileURL } from 'node:url'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { compiledEntryMatches, ROOT, serverBundlePath } from './bundle-path.mjs'

const distDir = process.env.NEXT_DIST_DIR || '.next'
// The primary checks once; the workers it forks run what it checked.
if (cluster.isPrimary && !compiledEntryMatches(distDir)) {
  console.error(
    `Lookbook has no complete production build in ${distDir}/: run \`npm run build\` first (it runs \`next build\`, then compiles the server entry).`,
  )
  process.exit(1)
}
// A standalone build (npm run build:standalone) has no next.config.js: Next takes the settings the
// build wrote down, as Next's own standalone server.js does. The variable reaches every worker.
if (!existsSync(path.join(ROOT, 'next.config.js'))) {
  const { config } = JSON.parse(readFileSync(path.join(ROOT, distDir, 'required-server-files.json'), 'utf8'))
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config)
}
await import(pathToFileURL(serverBundlePath(distDir)).href)
