// Runs before every page request (Node.js runtime). Keeps campaign links from fragmenting the
// cache, and maps listing URLs to cacheable internal routes. See lib/proxy/.
import { NextResponse, type NextRequest } from 'next/server'
import { ATTRIBUTION_COOKIE, ATTRIBUTION_MAX_AGE, attributionFor, trackingParameters, withoutTracking } from '@/lib/proxy/attribution'
import { decideListing } from '@/lib/proxy/listing-rewrite'

// Internal routes reached only through rewrites; requested directly they would duplicate pages.
const INTERNAL = /^\/(lists|landing)(\/|$)/

export function proxy(request: NextRequest) {
  const url = request.nextUrl
  if (INTERNAL.test(url.pathname)) return new NextResponse('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })

  const tracking = trackingParameters(url)
  if (tracking) {
    const response = NextResponse.redirect(withoutTracking(url), 307)
    response.cookies.set(ATTRIBUTION_COOKIE, JSON.stringify(attributionFor(url, tracking)), {
      httpOnly: true,
      sameSite: 'lax',
      secure: process.env.NODE_ENV === 'production',
      maxAge: ATTRIBUTION_MAX_AGE,
      path: '/',
    })
    return response
  }

  const listing = decideListing(url)
  if (listing.kind === 'redirect') return NextResponse.redirect(new URL(listing.location, url), 308)
  if (listing.kind === 'rewrite') return NextResponse.rewrite(new URL(listing.path, url))
  return NextResponse.next()
}

export const config = {
  // Not for assets, media, the image optimiser or APIs: they carry no campaign links and need speed.
  matcher: ['/((?!_next/|api/|media/|icon.svg|favicon.ico|robots.txt|sitemap.xml|opengraph-image).*)'],
}
