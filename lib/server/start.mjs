// npm start: runs the production server entry that `npm run build` compiled from ./main.ts into
// the build folder (./bundle.mjs). Every process of the server (primary and workers) starts here.
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { builtForPath, nextBuildIdPath, serverBundlePath } from './bundle-path.mjs'

const distDir = process.env.NEXT_DIST_DIR || '.next'
const read = (file) => {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}
const nextBuild = read(nextBuildIdPath(distDir))
if (nextBuild === undefined || read(builtForPath(distDir)) !== nextBuild) {
  console.error(
    `Lookbook has no complete production build in ${distDir}/: run \`npm run build\` first (it runs \`next build\`, then compiles the server entry).`,
  )
  process.exit(1)
}
await import(pathToFileURL(serverBundlePath(distDir)).href)
