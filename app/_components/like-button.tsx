'use client'
// One like per visitor and item, counted live (never part of the cached page).
import useSWR from 'swr'
import { fetchJson } from './fetch-json'
import { trackEvent } from './tracking-client'

type LikeState = { count: number; liked: boolean }

export function LikeButton({
  type,
  slug,
  label,
}: {
  type: 'outfit' | 'product' | 'idol'
  slug: string
  label: string
}) {
  const key = `/api/likes?type=${type}&slug=${encodeURIComponent(slug)}`
  const { data, mutate, error } = useSWR(key, (url: string) => fetchJson<LikeState>(url))

  async function toggle() {
    const liked = !data?.liked
    if (liked) trackEvent('Like', { content_name: `${type}/${slug}` })
    const optimistic = { count: (data?.count ?? 0) + (liked ? 1 : -1), liked }
    await mutate(fetchJson<LikeState>('/api/likes', { method: 'POST', body: JSON.stringify({ type, slug, liked }) }), {
      optimisticData: optimistic,
      rollbackOnError: true,
      revalidate: false,
    }).catch(() => undefined)
  }

  return (
    <button
      type="button"
      className={`like-button${data?.liked ? ' liked' : ''}`}
      aria-pressed={Boolean(data?.liked)}
      onClick={() => void toggle()}
      disabled={!data && !error}
    >
      <span aria-hidden="true">{data?.liked ? '♥' : '♡'}</span>
      <span>
        {data?.liked ? 'Liked' : 'Like'} {label}
      </span>
      <span className="count" data-testid="like-count">
        {data ? data.count : '…'}
      </span>
    </button>
  )
}
