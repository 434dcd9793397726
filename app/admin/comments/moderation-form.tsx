'use client'
import { useActionState } from 'react'
import type { ModerationComment } from '@/lib/data/admin/comments'
import { moderateAction, type ModerationState } from './actions'

export function ModerationForm({ comments }: { comments: ModerationComment[] }) {
  const [state, action, pending] = useActionState<ModerationState, FormData>(moderateAction, {})
  return (
    <form action={action} className="moderation">
      <div className="bulk-actions">
        <span>With the selected comments:</span>
        <button className="button button-small" name="decision" value="approve" disabled={pending}>
          Approve
        </button>
        <button className="button button-small" name="decision" value="hide" disabled={pending}>
          Hide
        </button>
        <button
          className="button button-small danger"
          name="decision"
          value="delete"
          disabled={pending}
          onClick={(event) => {
            if (!window.confirm('Delete the selected comments for good?')) event.preventDefault()
          }}
        >
          Delete
        </button>
      </div>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {state.message && (
        <p className="form-message" role="status">
          {state.message}
        </p>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
            <th scope="col">Comment</th>
            <th scope="col">On</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {comments.map((comment) => (
            <tr key={comment.id}>
              <td>
                <input
                  type="checkbox"
                  name="comments"
                  value={`${comment.id}:${comment.version}`}
                  aria-label={`Select the comment by ${comment.authorName}`}
                />
              </td>
              <td>
                <strong>{comment.authorName}</strong>: {comment.body}
              </td>
              <td>
                {comment.targetType} “{comment.target}”
              </td>
              <td>{comment.status.toLowerCase()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </form>
  )
}
