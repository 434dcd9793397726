'use client'
// Comments under an item: the published ones from the record's shared reactions answer (one
// request with its like button, kept by caches), this visitor's own held for review from their
// browser (./reactions.ts); posted with validation messages next to the fields.
import { useState, type FormEvent } from 'react'
import { ApiError, fetchJson } from './fetch-json'
import {
  rememberPendingComment,
  useOwnPendingComments,
  useReactions,
  type PublicComment,
  type ReactionTarget,
} from './reactions'

export function Comments({ type, slug }: ReactionTarget) {
  const target = { type, slug }
  const { data, error, mutate } = useReactions(target)
  const pending = useOwnPendingComments(target, data?.comments)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState('')
  const [sending, setSending] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>
    setSending(true)
    setErrors({})
    setMessage('')
    try {
      const result = await fetchJson<{ comment: PublicComment; status: 'published' | 'pending' }>('/api/comments', {
        method: 'POST',
        body: JSON.stringify({ type, slug, authorName: values.authorName, body: values.body }),
      })
      form.reset()
      if (result.status === 'published') {
        await mutate(
          (shown) => ({ likes: shown?.likes ?? 0, comments: [result.comment, ...(shown?.comments ?? [])] }),
          { revalidate: false },
        )
        setMessage('Thanks: your comment is up.')
      } else {
        rememberPendingComment(target, result.comment)
        setMessage('Thanks: your comment will appear once an editor has read it.')
      }
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fields)
        setMessage(error.message)
      } else setMessage('Could not send your comment: please try again.')
    } finally {
      setSending(false)
    }
  }

  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments {data ? `(${data.comments.length})` : ''}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate className="comment-form">
        <label>
          Name
          <input
            name="authorName"
            maxLength={60}
            required
            aria-invalid={Boolean(errors.authorName)}
            aria-describedby="comment-name-error"
          />
        </label>
        {errors.authorName && (
          <p className="field-error" id="comment-name-error">
            {errors.authorName}
          </p>
        )}
        <label>
          Comment
          <textarea
            name="body"
            rows={3}
            maxLength={1000}
            required
            aria-invalid={Boolean(errors.body)}
            aria-describedby="comment-body-error"
          />
        </label>
        {errors.body && (
          <p className="field-error" id="comment-body-error">
            {errors.body}
          </p>
        )}
        <button className="button" type="submit" disabled={sending}>
          {sending ? 'Sending…' : 'Post comment'}
        </button>
        <p role="status" className="form-message">
          {message}
        </p>
      </form>
      {!data && error ? (
        // SWR keeps retrying in the background; the list appears when it can be read again.
        <p className="muted">Comments cannot be shown right now. They will appear here again shortly.</p>
      ) : !data ? (
        <p className="muted">Loading comments…</p>
      ) : data.comments.length === 0 && pending.length === 0 ? (
        <p className="muted">No comments yet: be the first.</p>
      ) : (
        <ol className="comment-list">
          {pending.map((comment) => (
            <li key={comment.id} className="comment-pending">
              <p className="comment-meta">
                <strong>{comment.authorName}</strong> · <time dateTime={comment.createdAt}>{comment.postedOn}</time> ·{' '}
                <em>waiting for an editor: only you see it</em>
              </p>
              <p>{comment.body}</p>
            </li>
          ))}
          {data.comments.map((comment) => (
            <li key={comment.id}>
              <p className="comment-meta">
                <strong>{comment.authorName}</strong> · <time dateTime={comment.createdAt}>{comment.postedOn}</time>
              </p>
              <p>{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
