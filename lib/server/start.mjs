// npm start: runs the production server entry that `npm run build` compiled from ./main.ts into
// the build folder (./bundle.mjs). Every process of the server (primary and workers) starts here.
import cluster from 'node:cluster'
import { pathToFileURL } from 'node:url'
import { compiledEntryMatches, serverBundlePath } from './bundle-path.mjs'

const distDir = process.env.NEXT_DIST_DIR || '.next'
// The primary checks once; the workers it forks run what it checked.
if (cluster.isPrimary && !compiledEntryMatches(distDir)) {
  console.error(
    `Lookbook has no complete production build in ${distDir}/: run \`npm run build\` first (it runs \`next build\`, then compiles the server entry).`,
  )
  process.exit(1)
}
await import(pathToFileURL(serverBundlePath(distDir)).href)
