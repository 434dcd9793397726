// Did the database keep exactly the writes the server accepted? Compares the likes, comments and
// shop clicks the load generator saw accepted (2xx, and a click's 302) with the rows (for clicks,
// the counts) added meanwhile. Requests still in flight
// when the load stopped may be written without their answer being seen, so up to that many extra
// rows are expected, not "doubled".
import type { WriteCounts } from './bench-database'
import type { LoadResult } from './load-plan'

export type WriteTally = { accepted: number; added: number; lost: number; doubled: number }
export type WriteCheck = {
  likes: WriteTally
  comments: WriteTally
  clicks: WriteTally
  unanswered: number
  ok: boolean
}

function tally(accepted: number, added: number, unanswered: number): WriteTally {
  return { accepted, added, lost: Math.max(0, accepted - added), doubled: Math.max(0, added - accepted - unanswered) }
}

export function compareWrites(before: WriteCounts, after: WriteCounts, result: LoadResult): WriteCheck {
  const likes = tally(result.accepted.like, after.likes - before.likes, result.unanswered)
  const comments = tally(result.accepted.comment, after.comments - before.comments, result.unanswered)
  const clicks = tally(result.accepted.click, after.clicks - before.clicks, result.unanswered)
  const ok = [likes, comments, clicks].every((t) => t.lost + t.doubled === 0)
  return { likes, comments, clicks, unanswered: result.unanswered, ok }
}

/** Counts once the answers still on their way have landed: until two reads a moment apart agree. */
export async function settledWriteCounts(count: () => Promise<WriteCounts>): Promise<WriteCounts> {
  let last = await count()
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 300))
    const next = await count()
    if (next.likes === last.likes && next.comments === last.comments && next.clicks === last.clicks) return next
    last = next
  }
  return last
}

export function describeWriteCheck(check: WriteCheck): string {
  const part = (name: string, t: WriteTally) => {
    if (t.lost + t.doubled > 0)
      return `${name} ${t.accepted} accepted, ${t.added} rows: lost ${t.lost}, doubled ${t.doubled}`
    return t.added === t.accepted
      ? `${name} ${t.accepted} accepted = rows`
      : `${name} ${t.accepted} accepted, ${t.added} rows (${t.added - t.accepted} answered after the stop)`
  }
  return `${check.ok ? 'lost/doubled: 0' : 'WRITES DIFFER'} (${part('likes', check.likes)}; ${part('comments', check.comments)}; ${part('clicks', check.clicks)}; ${check.unanswered} unanswered at stop)`
}
