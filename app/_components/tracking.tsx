'use client'
// The layout's measurement island: the consent banner (when a pixel is configured and the visitor
// has not chosen yet), and a page view for each page shown after "Accept". Pages stay the same for
// everyone: what differs per visitor happens here, in the browser.
import { useEffect, useSyncExternalStore } from 'react'
import { usePathname } from 'next/navigation'
import Link from 'next/link'
import {
  bannerWanted,
  choose,
  configureTracking,
  consentGiven,
  subscribeToConsent,
  trackEvent,
} from './tracking-client'

export function Tracking({ pixelId, privacyPath }: { pixelId: string | null; privacyPath: string }) {
  configureTracking(pixelId)
  const showBanner = useSyncExternalStore(subscribeToConsent, bannerWanted, () => false)
  const granted = useSyncExternalStore(subscribeToConsent, consentGiven, () => false)
  const pathname = usePathname()

  useEffect(() => {
    if (granted) trackEvent('PageView')
  }, [granted, pathname])

  if (!showBanner) return null
  return (
    <section className="consent-banner" role="dialog" aria-labelledby="consent-title" aria-describedby="consent-text">
      <h2 id="consent-title">May we measure your visit?</h2>
      <p id="consent-text">
        With your consent we use Meta&apos;s pixel to learn which of our Facebook and Instagram posts bring visitors
        here and what they look at. Nothing is measured unless you accept; the site works the same either way. You can
        change your choice at any time under &ldquo;Privacy settings&rdquo; at the bottom of every page.{' '}
        <Link href={privacyPath}>Privacy policy</Link>
      </p>
      <div className="consent-choices">
        <button type="button" className="consent-choice" onClick={() => choose('granted')}>
          Accept
        </button>
        <button type="button" className="consent-choice" onClick={() => choose('denied')}>
          Reject
        </button>
      </div>
    </section>
  )
}
