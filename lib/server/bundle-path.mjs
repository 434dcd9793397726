// Where `npm run build` puts the compiled server entry (./bundle.mjs) and `npm start` finds it (./start.mjs).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** The build folder, as next.config.js names it. */
export const defaultDistDir = () => process.env.NEXT_DIST_DIR || '.next'

export function serverBundlePath(distDir = defaultDistDir()) {
  return path.resolve(ROOT, distDir, 'lookbook-server/main.mjs')
}

/** The id of the Next build the entry was compiled with, beside it. */
export function builtForPath(distDir = defaultDistDir()) {
  return path.resolve(ROOT, distDir, 'lookbook-server/BUILD_ID')
}

export function nextBuildIdPath(distDir = defaultDistDir()) {
  return path.resolve(ROOT, distDir, 'BUILD_ID')
}

function readOrUndefined(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** Whether the build folder holds a Next build and a server entry compiled for that very build. */
export function compiledEntryMatches(distDir = defaultDistDir()) {
  const nextBuild = readOrUndefined(nextBuildIdPath(distDir))
  return nextBuild !== undefined && readOrUndefined(builtForPath(distDir)) === nextBuild
}
