'use client'
// "Viewed this outfit / product", measured once per page view, and only with consent (also when
// the visitor accepts while on the page).
import { useEffect, useSyncExternalStore } from 'react'
import { consentGiven, subscribeToConsent, trackEvent } from './tracking-client'

export function ViewContent({ skus, name }: { skus: string[]; name: string }) {
  const granted = useSyncExternalStore(subscribeToConsent, consentGiven, () => false)
  const key = skus.join(',')
  useEffect(() => {
    if (granted)
      trackEvent('ViewContent', { content_ids: key ? key.split(',') : [], content_type: 'product', content_name: name })
  }, [granted, key, name])
  return null
}
