'use client'
// Shots in a grid; a click opens a lightbox. Keyboard: Enter opens, ← → move, Escape closes, and
// focus returns to the shot that opened it.
import { SizedImage } from './sized-image'
import Link from 'next/link'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Shot } from '@/lib/data/types'

export function ShotsGallery({ shots }: { shots: Shot[] }) {
  const [open, setOpen] = useState<number | null>(null)
  const triggers = useRef<(HTMLButtonElement | null)[]>([])
  const dialog = useRef<HTMLDivElement>(null)

  const close = useCallback(() => {
    setOpen((current) => {
      if (current !== null) triggers.current[current]?.focus()
      return null
    })
  }, [])

  useEffect(() => {
    if (open === null) return
    dialog.current?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close()
      if (event.key === 'ArrowRight') setOpen((i) => (i === null ? i : (i + 1) % shots.length))
      if (event.key === 'ArrowLeft') setOpen((i) => (i === null ? i : (i - 1 + shots.length) % shots.length))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open, close, shots.length])

  if (shots.length === 0) return <p className="empty">No shots yet.</p>
  const current = open === null ? null : shots[open]

  return (
    <>
      <ul className="shot-grid">
        {shots.map((shot, index) => (
          <li key={shot.id}>
            <button
              type="button"
              className="shot-thumb"
              ref={(el) => void (triggers.current[index] = el)}
              onClick={() => setOpen(index)}
              aria-label={`Open shot: ${shot.caption}`}
            >
              <SizedImage image={shot.image} sizes="(min-width: 760px) 25vw, 50vw" />
            </button>
          </li>
        ))}
      </ul>
      {current && (
        <div
          className="lightbox"
          role="dialog"
          aria-modal="true"
          aria-label={current.caption}
          tabIndex={-1}
          ref={dialog}
          onClick={(event) => event.target === event.currentTarget && close()}
        >
          <figure>
            <SizedImage image={current.image} sizes="90vw" />
            <figcaption>
              {current.caption} <span className="muted">{current.credit}</span>
              {current.outfit && (
                <>
                  {' · '}
                  <Link href={`/outfits/${current.outfit.slug}`}>Shop the look: {current.outfit.title}</Link>
                </>
              )}
            </figcaption>
          </figure>
          <div className="lightbox-controls">
            <button
              type="button"
              onClick={() => setOpen((i) => (i === null ? i : (i - 1 + shots.length) % shots.length))}
              aria-label="Previous shot"
            >
              ←
            </button>
            <span>
              {open! + 1} / {shots.length}
            </span>
            <button
              type="button"
              onClick={() => setOpen((i) => (i === null ? i : (i + 1) % shots.length))}
              aria-label="Next shot"
            >
              →
            </button>
            <button type="button" onClick={close} aria-label="Close">
              ✕
            </button>
          </div>
        </div>
      )}
    </>
  )
}
