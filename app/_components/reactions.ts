'use client'
// A record's reactions as a page shows them, in two parts (decision 034):
// - what everyone sees (like count, published comments): one shared answer, the same for every
//   visitor, which the front cache and a CDN keep for a few seconds, so a view costs the server
//   no database read;
// - what this visitor did (liked or not, comments still held for review): kept in this browser,
//   so it needs no request at all and shows at once, on every page and after a reload.
import { useSyncExternalStore } from 'react'
import useSWR from 'swr'
import { fetchJson } from './fetch-json'

export type ReactionTarget = { type: 'outfit' | 'product' | 'idol'; slug: string }
export type PublicComment = { id: string; authorName: string; body: string; createdAt: string; postedOn: string }
export type Reactions = { likes: number; comments: PublicComment[] }

export function useReactions({ type, slug }: ReactionTarget) {
  // Like button and comments of one record share this key: SWR asks once for both.
  const key = `/api/reactions/${type}/${encodeURIComponent(slug)}`
  // Never from the browser's own cache: it would serve its copy within stale-while-revalidate, and
  // a visitor who liked and reloaded would see the count from before (the shared caches in front
  // forget it at the like).
  return useSWR(key, (url: string) => fetchJson<Reactions>(url, { cache: 'no-store' }))
}

type OwnReactions = {
  /** `type/slug` of every record this visitor likes. */
  likes: string[]
  /** This visitor's comments held for review, by `type/slug`; dropped once published or after a week. */
  pending: Record<string, PublicComment[]>
}

const STORAGE_KEY = 'lb_reactions'
const PENDING_FOR_MS = 7 * 24 * 3600 * 1000
const NOTHING: OwnReactions = { likes: [], pending: {} }
const listeners = new Set<() => void>()
let current: OwnReactions | null = null

function read(): OwnReactions {
  if (current) return current
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<OwnReactions> | null
    current = {
      likes: Array.isArray(stored?.likes) ? stored.likes.filter((like) => typeof like === 'string') : [],
      pending: withinAWeek(stored?.pending && typeof stored.pending === 'object' ? stored.pending : {}),
    }
  } catch {
    current = NOTHING // storage off (a private window) or unreadable: this visit's state only
  }
  return current
}

/** Held comments older than a week are dropped when read: an editor has decided on them by then. */
function withinAWeek(pending: OwnReactions['pending']): OwnReactions['pending'] {
  const since = Date.now() - PENDING_FOR_MS
  const kept: OwnReactions['pending'] = {}
  for (const [id, comments] of Object.entries(pending)) {
    const recent = (Array.isArray(comments) ? comments : []).filter((comment) => Date.parse(comment?.createdAt) > since)
    if (recent.length > 0) kept[id] = recent
  }
  return kept
}

function write(change: (state: OwnReactions) => OwnReactions): void {
  current = change(read())
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(current))
  } catch {
    // Full or off: the state lasts as long as the page.
  }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  // Another tab's like shows here too.
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY) return
    current = null
    listener()
  }
  window.addEventListener('storage', fromOtherTab)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', fromOtherTab)
  }
}

/** This visitor's own reactions; on the server and before hydration, none (the cached page's view). */
function useOwnReactions(): OwnReactions {
  return useSyncExternalStore(subscribe, read, () => NOTHING)
}

const targetId = ({ type, slug }: ReactionTarget) => `${type}/${slug}`

export function useOwnLike(target: ReactionTarget): boolean {
  return useOwnReactions().likes.includes(targetId(target))
}

export function rememberOwnLike(target: ReactionTarget, liked: boolean): void {
  const id = targetId(target)
  write((state) => ({
    ...state,
    likes: liked ? [...new Set([...state.likes, id])] : state.likes.filter((like) => like !== id),
  }))
}

/** This visitor's comments on the record still held for review (those published since are left out). */
export function useOwnPendingComments(target: ReactionTarget, published: PublicComment[] | undefined) {
  const pending = useOwnReactions().pending[targetId(target)] ?? []
  const shown = new Set((published ?? []).map((comment) => comment.id))
  return pending.filter((comment) => !shown.has(comment.id))
}

export function rememberPendingComment(target: ReactionTarget, comment: PublicComment): void {
  const id = targetId(target)
  write((state) => ({
    ...state,
    pending: { ...state.pending, [id]: [comment, ...(state.pending[id] ?? [])].slice(0, 20) },
  }))
}
