import Link from 'next/link'

export default function NotFound() {
  return (
    <section className="message" aria-labelledby="not-found-title">
      <h1 id="not-found-title">This page is not in the lookbook</h1>
      <p>The look may have been retired, or the link has a typo.</p>
      <Link className="button" href="/">
        Back to the campaign
      </Link>
    </section>
  )
}
