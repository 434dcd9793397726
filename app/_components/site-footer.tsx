import { SITE } from '@/lib/site'
import { PrivacySettingsButton } from './privacy-settings'

/** `measured`: a pixel is configured, so visitors may change their consent here. */
export function SiteFooter({ measured }: { measured: boolean }) {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>
          {SITE.name} · {SITE.campaign}
        </p>
        <p>Prices and availability are shown live from the shop.</p>
        {measured && (
          <p>
            <PrivacySettingsButton />
          </p>
        )}
      </div>
    </footer>
  )
}
