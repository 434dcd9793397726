// What worker processes and their primary say to each other about invalidations (kept apart from
// ./invalidation-relay.ts so the primary does not load Next's cache modules).
export type TagEntries = Record<string, { stale?: number; expired?: number }>
export type RelayMessage =
  | {
      type: 'lookbook:invalidate'
      id: number
      entries: TagEntries
      /** Invalidations a worker dated from when they reached it (see applyInvalidations): final. */
      redated?: boolean
    }
  | { type: 'lookbook:invalidated'; id: number }

/**
 * How long a save waits for the sibling workers to apply its invalidation: longer than they take to
 * replace the pages it concerns (FrontCache's `replaceWithinMs`), which they forget after that.
 */
export const RELAY_TIMEOUT_MS = 2_500
