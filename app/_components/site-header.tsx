import Link from 'next/link'
import { SITE } from '@/lib/site'

const NAV = [
  ['/idols', 'Idols'],
  ['/outfits', 'Outfits'],
  ['/products', 'Products'],
  ['/shots', 'Shots'],
  ['/socials', 'Social'],
] as const

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
            {NAV.map(([href, label]) => (
              <li key={href}>
                <Link href={href}>{label}</Link>
              </li>
            ))}
            <li>
              {/* Not prefetched: the search page renders per request (the query is the page), so
                  every view's prefetch of it was two renders no cache could keep, for a link few follow. */}
              <Link href="/search" aria-label="Search" prefetch={false}>
                Search
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  )
}
