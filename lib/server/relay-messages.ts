// What worker processes and their primary say to each other about invalidations (kept apart from
// ./invalidation-relay.ts so the primary does not load Next's cache modules).
export type TagEntries = Record<string, { stale?: number; expired?: number }>
export type RelayMessage =
  | {
      /** Apply these invalidations: pages showing them are old (still served until replaced). */
      type: 'lookbook:invalidate'
      id: number
      entries: TagEntries
      /** Invalidations a worker dated from when they reached it (see applyInvalidations): final. */
      redated?: boolean
    }
  | { type: 'lookbook:invalidated'; id: number }
  | {
      /** Replace the old pages showing these tags: the saving worker has rendered them. */
      type: 'lookbook:replace'
      id: number
      tags: string[]
    }
  | { type: 'lookbook:replaced'; id: number }

/**
 * A worker's most visited answers (./hot-pages.ts), sent to the primary every few seconds; the
 * primary hands the latest to each worker it starts, which warms them before taking connections.
 */
export type HotPagesMessage = {
  type: 'lookbook:hot-pages'
  requests: { url: string; headers: Record<string, string> }[]
}

/**
 * Starting together (a deploy, a restart), workers take connections together: each says when it
 * has warmed, and the primary says when all have, so the first one listening is not starved of
 * the cores by its siblings' warming while it takes every connection (decision 036).
 */
export type StartMessage = { type: 'lookbook:warmed' } | { type: 'lookbook:listen' }

/** The answer to each request a worker relays through the primary. */
export const ANSWER_TO = {
  'lookbook:invalidate': 'lookbook:invalidated',
  'lookbook:replace': 'lookbook:replaced',
} as const
export type RelayRequest = Extract<RelayMessage, { type: keyof typeof ANSWER_TO }>

/**
 * How long a save waits for the sibling workers at each step: to apply its invalidation (a
 * message), then to replace its pages (FrontCache's `replaceWithinMs`, after which they forget
 * what they have not replaced), so that a stuck worker cannot hold up a save for long.
 */
export const RELAY_TIMEOUT_MS = 2_500
