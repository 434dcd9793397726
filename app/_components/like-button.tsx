'use client'
// One like per visitor and item. The count comes from the record's shared reactions answer (never
// part of the cached page); whether this visitor likes it, from their browser (./reactions.ts).
import { useRef } from 'react'
import { fetchJson } from './fetch-json'
import { rememberOwnLike, useOwnLike, useReactions, type ReactionTarget, type Reactions } from './reactions'
import { trackEvent } from './tracking-client'

type LikeState = { count: number; liked: boolean }

export function LikeButton({ type, slug, label }: ReactionTarget & { label: string }) {
  const target = { type, slug }
  const { data, mutate, error } = useReactions(target)
  const liked = useOwnLike(target)
  // One like or unlike at a time: a second click while the first is on its way is ignored, so the
  // state kept is never that of whichever answer came last.
  const sending = useRef(false)

  async function toggle() {
    if (sending.current) return
    sending.current = true
    const wanted = !liked
    if (wanted) trackEvent('Like', { content_name: `${type}/${slug}` })
    rememberOwnLike(target, wanted)
    const sent = fetchJson<LikeState>('/api/likes', {
      method: 'POST',
      body: JSON.stringify({ type, slug, liked: wanted }),
    })
    try {
      // The server's count after this visitor's like: the truth, however stale a cached copy was.
      await mutate(async (shown) => ({ likes: (await sent).count, comments: shown?.comments ?? [] }), {
        optimisticData: (shown?: Reactions) => ({
          likes: (shown?.likes ?? 0) + (wanted ? 1 : -1),
          comments: shown?.comments ?? [],
        }),
        rollbackOnError: true,
        revalidate: false,
      })
      rememberOwnLike(target, (await sent).liked)
    } catch {
      rememberOwnLike(target, !wanted)
    } finally {
      sending.current = false
    }
  }

  return (
    <button
      type="button"
      className={`like-button${liked ? ' liked' : ''}`}
      aria-pressed={liked}
      onClick={() => void toggle()}
      disabled={!data && !error}
    >
      <span aria-hidden="true">{liked ? '♥' : '♡'}</span>
      <span>
        {liked ? 'Liked' : 'Like'} {label}
      </span>
      <span className="count" data-testid="like-count">
        {data ? data.likes : '…'}
      </span>
    </button>
  )
}
