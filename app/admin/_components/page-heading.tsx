import Link from 'next/link'

/** An edit or create page's breadcrumb back to its list, its heading, and the notice after creating. */
export function PageHeading({
  list,
  title,
  crumb = title,
  created,
}: {
  list: { href: string; label: string }
  title: string
  crumb?: string
  created?: string
}) {
  return (
    <>
      <p className="breadcrumbs">
        <Link href={list.href}>{list.label}</Link> / {crumb}
      </p>
      <h1>{title}</h1>
      {created && (
        <p className="form-message" role="status">
          {created}
        </p>
      )}
    </>
  )
}
