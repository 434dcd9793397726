import Link from 'next/link'

/** A list page's heading, its "deleted" notice after a delete, and the link to create one. */
export function ListHeader({
  title,
  newHref,
  newLabel,
  deleted,
}: {
  title: string
  newHref?: string
  newLabel?: string
  deleted?: string
}) {
  return (
    <>
      <h1>{title}</h1>
      {deleted && (
        <p className="form-message" role="status">
          {deleted}
        </p>
      )}
      {newHref && (
        <p>
          <Link className="button" href={newHref}>
            {newLabel}
          </Link>
        </p>
      )}
    </>
  )
}
