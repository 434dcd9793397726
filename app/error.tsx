'use client'

import { useEffect } from 'react'

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error)
  }, [error])
  return (
    <section className="message" role="alert">
      <h1>Something went wrong on our side</h1>
      <p>Please try again in a moment.{error.digest ? ` (Reference ${error.digest})` : ''}</p>
      <button className="button" type="button" onClick={reset}>
        Try again
      </button>
    </section>
  )
}
