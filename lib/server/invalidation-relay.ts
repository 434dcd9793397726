// Invalidations between the worker processes of one instance. Next's tags manifest lives in each
// process's memory: a save handled by one worker must reach its siblings before the editor's next
// request, which any of them may serve. In two steps, each through the primary, which passes the
// message to every other worker and answers once they all have (or after RELAY_TIMEOUT_MS, so a
// stuck worker cannot hold up a save): the siblings apply the invalidation at once (their pages
// count as old but are still served), and once the saving worker has rendered the new pages into
// the disk cache they all share, they replace theirs, mostly by reading those (decision 020).
import cluster from 'node:cluster'
import { applyInvalidations } from '@/lib/cache/cache-handler.js'
import { RELAY_TIMEOUT_MS, type RelayMessage, type RelayRequest, type TagEntries } from './relay-messages'

/** Tells the sibling workers of invalidations this one dated anew; none to tell outside a worker. */
export type TellSiblings = (redated: TagEntries) => void

export type SiblingRelay = {
  /** Siblings apply the invalidation (their pages count as old, still served); settles when they have. */
  invalidate: (entries: TagEntries) => Promise<void>
  /** Siblings replace their old pages showing `tags`; settles when they have. */
  replace: (tags: string[]) => Promise<void>
  tellSiblings: TellSiblings
}

/**
 * In a worker process: tells the siblings of this process's invalidations, and applies theirs here
 * with `localCaches`. Outside a worker (one process) there are no siblings: every step is done.
 */
export function relayInvalidationsToSiblings(localCaches: {
  /** Drops what the tags concern. */
  forget: (tags: string[]) => void
  /** Marks what the tags concern as old, still served. */
  markInvalidated: (tags: string[]) => void
  /** Replaces the old answers showing the tags; settles when done (a save waits for it). */
  replaceOutdated: (tags: string[]) => Promise<void>
}): SiblingRelay {
  if (!cluster.isWorker)
    return { invalidate: async () => undefined, replace: async () => undefined, tellSiblings: () => {} }
  let nextId = 0
  // Nobody waits for these: the save they come from has been answered.
  const tellSiblings: TellSiblings = (redated) => {
    if (Object.keys(redated).length > 0)
      send({ type: 'lookbook:invalidate', id: ++nextId, entries: redated, redated: true })
  }
  const waiting = new Map<number, () => void>()

  /** Sends a request through the primary and waits for every sibling's answer (or the time limit). */
  const ask = (request: RelayRequest) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(request.id)
        resolve()
      }, RELAY_TIMEOUT_MS)
      waiting.set(request.id, () => {
        clearTimeout(timer)
        resolve()
      })
      if (!send(request)) {
        clearTimeout(timer)
        waiting.delete(request.id)
        resolve()
      }
    })

  process.on('message', (message: RelayMessage) => {
    if (message?.type === 'lookbook:invalidated' || message?.type === 'lookbook:replaced') {
      waiting.get(message.id)?.()
      waiting.delete(message.id)
    } else if (message?.type === 'lookbook:invalidate') {
      const { redated } = applyInvalidations(message.entries, { redate: !message.redated })
      const tags = Object.keys(message.entries)
      // A redating comes late by definition, with nobody waiting: forgotten at once.
      if (message.redated) localCaches.forget(tags)
      else localCaches.markInvalidated(tags)
      send({ type: 'lookbook:invalidated', id: message.id })
      tellSiblings(redated)
    } else if (message?.type === 'lookbook:replace') {
      void localCaches
        .replaceOutdated(message.tags)
        .catch((error: Error) => console.warn(`Replacing pages after an invalidation failed: ${error.message}`))
        .finally(() => send({ type: 'lookbook:replaced', id: message.id }))
    }
  })
  return {
    invalidate: (entries) => ask({ type: 'lookbook:invalidate', id: ++nextId, entries }),
    replace: (tags) => ask({ type: 'lookbook:replace', id: ++nextId, tags }),
    tellSiblings,
  }
}

/** Sends to the primary; false when the channel is closed (the instance is stopping). */
function send(message: RelayMessage): boolean {
  if (!process.connected) return false
  try {
    process.send!(message)
    return true
  } catch {
    return false
  }
}
