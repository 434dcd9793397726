// Invalidations between the worker processes of one instance. Next's tags manifest lives in each
// process's memory: a save handled by one worker must reach its siblings before the editor's next
// request, which any of them may serve. The worker that saved sends the invalidated tags to the
// primary, which passes them to every other worker and answers once they all have applied them
// and replaced the pages they concern in their front caches (or after RELAY_TIMEOUT_MS, so a stuck
// worker cannot hold up a save).
import cluster from 'node:cluster'
import { applyInvalidations, onInvalidation } from '@/lib/cache/cache-handler.js'
import { RELAY_TIMEOUT_MS, type RelayMessage, type TagEntries } from './relay-messages'

/** Tells the sibling workers of invalidations this one dated anew; none to tell outside a worker. */
export type TellSiblings = (redated: TagEntries) => void

/**
 * In a worker process: send this process's invalidations to the siblings, apply theirs here.
 * Returns how to pass on invalidations this process dated from their late arrival.
 */
export function relayInvalidationsToSiblings(localCaches: {
  /** Drops what the tags concern. */
  forget: (tags: string[]) => void
  /** Replaces what the tags concern; settles when done (a save waits for it). */
  replace: (tags: string[]) => Promise<void>
}): TellSiblings {
  if (!cluster.isWorker) return () => {}
  let nextId = 0
  // Nobody waits for these: the save they come from has been answered.
  const tellSiblings: TellSiblings = (redated) => {
    if (Object.keys(redated).length > 0)
      send({ type: 'lookbook:invalidate', id: ++nextId, entries: redated, redated: true })
  }
  const waiting = new Map<number, () => void>()

  onInvalidation(async (entries: TagEntries) => {
    const id = ++nextId
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(id)
        resolve()
      }, RELAY_TIMEOUT_MS)
      waiting.set(id, () => {
        clearTimeout(timer)
        resolve()
      })
      if (!send({ type: 'lookbook:invalidate', id, entries })) {
        clearTimeout(timer)
        waiting.delete(id)
        resolve()
      }
    })
  })

  process.on('message', (message: RelayMessage) => {
    if (message?.type === 'lookbook:invalidated') {
      waiting.get(message.id)?.()
      waiting.delete(message.id)
    } else if (message?.type === 'lookbook:invalidate') {
      const { redated } = applyInvalidations(message.entries, { redate: !message.redated })
      tellSiblings(redated)
      const tags = Object.keys(message.entries)
      // A save waits for its pages to be replaced here; a redating (late by definition, nobody
      // waiting) is forgotten at once.
      const applied = message.redated ? Promise.resolve(localCaches.forget(tags)) : localCaches.replace(tags)
      void applied
        .catch((error: Error) => console.warn(`Replacing pages after an invalidation failed: ${error.message}`))
        .finally(() => send({ type: 'lookbook:invalidated', id: message.id }))
    }
  })
  return tellSiblings
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
