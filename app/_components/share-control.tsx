'use client'
// Sharing a page: the phone's own share sheet where the browser has one (Web Share API), else
// "Copy link" and a Facebook share link. Without JavaScript the Facebook link alone still works.
// The address is the page's public one (SITE_URL), the same in every cached copy.
import { useState, useSyncExternalStore } from 'react'

type Mode = 'link-only' | 'share-sheet' | 'copy'
const noSubscription = () => () => {}

export function ShareControl({ url, title }: { url: string; title: string }) {
  // The server (and a browser without JavaScript) gets the link alone; the browser, once hydrated,
  // what it offers. Nothing to subscribe to: a browser's abilities do not change while it shows a page.
  const mode = useSyncExternalStore<Mode>(
    noSubscription,
    () => (typeof navigator.share === 'function' ? 'share-sheet' : 'copy'),
    () => 'link-only',
  )
  const [status, setStatus] = useState('')

  async function share() {
    try {
      await navigator.share({ title, url })
    } catch {
      // Closing the share sheet rejects too; nothing to say then.
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(url)
      setStatus('Link copied')
    } catch {
      // In-app browsers may refuse the clipboard: show the address to copy by hand.
      setStatus(`Copy this link: ${url}`)
    }
  }

  const facebook = `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`
  return (
    <div className="share-control">
      {mode === 'share-sheet' ? (
        <button type="button" className="pill-button" onClick={() => void share()}>
          <span aria-hidden="true">↗</span> Share
        </button>
      ) : (
        <>
          {mode === 'copy' && (
            <button type="button" className="pill-button" onClick={() => void copy()}>
              Copy link
            </button>
          )}
          <a className="pill-button" href={facebook} target="_blank" rel="noopener noreferrer">
            Share on Facebook
          </a>
        </>
      )}
      <span className="share-status" role="status">
        {status}
      </span>
    </div>
  )
}
