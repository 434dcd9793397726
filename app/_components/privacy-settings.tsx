'use client'
// The footer's way back to the consent banner, to change one's choice.
import { reopenConsent } from './tracking-client'

export function PrivacySettingsButton() {
  return (
    <button type="button" className="link-button" onClick={reopenConsent}>
      Privacy settings
    </button>
  )
}
