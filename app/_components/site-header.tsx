import Link from 'next/link'
import { SITE } from '@/lib/site'

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand">
          {SITE.name}
          <small>{SITE.campaign}</small>
        </Link>
        <nav className="site-nav" aria-label="Main">
          <ul>
            <li>
              <Link href="/#idols">Idols</Link>
            </li>
            <li>
              <Link href="/#outfits">Outfits</Link>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  )
}
