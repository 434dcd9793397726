import Link from 'next/link'
import { SITE } from '@/lib/site'
import { LEGAL_PAGES } from '@/lib/data/legal'
import { PrivacySettingsButton } from './privacy-settings'

/** `measured`: a pixel is configured, so visitors may change their consent here. */
export function SiteFooter({ measured }: { measured: boolean }) {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>
          {SITE.name} · {SITE.campaign}
        </p>
        <p>Prices and availability are shown live from the shop. All prices include VAT.</p>
        <nav className="footer-links" aria-label="Legal">
          {/* Read by few, linked from every page: not prefetched on each view (two requests less). */}
          {Object.entries(LEGAL_PAGES).map(([id, title]) => (
            <Link key={id} href={`/${id}`} prefetch={false}>
              {title}
            </Link>
          ))}
          {measured && <PrivacySettingsButton />}
        </nav>
      </div>
    </footer>
  )
}
