// Where and in what shape a link preview's picture is served. Kept apart from share-image.ts,
// which composes the picture with sharp: every page's metadata needs this address, and importing
// sharp there would load libvips (about 20 MB of resident memory) into every worker that renders.
export const SHARE_IMAGE = { width: 1200, height: 630, type: 'image/jpeg' } as const

/** Where the share image of a stored media key is served (app/share/[...key]/route.ts). */
export function shareImagePath(mediaKey: string): string {
  return `/share/${mediaKey}`
}
