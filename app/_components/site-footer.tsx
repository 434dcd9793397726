import { SITE } from '@/lib/site'

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>
          {SITE.name} · {SITE.campaign}
        </p>
        <p>Prices and availability are shown live from the shop.</p>
      </div>
    </footer>
  )
}
