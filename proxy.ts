// Runs before every page request (Node.js runtime). Keeps campaign links from fragmenting the
// cache, and maps listing URLs to cacheable internal routes. See lib/proxy/.
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server'
import { settings } from '@/lib/env'
import {
  ATTRIBUTION_COOKIE,
  ATTRIBUTION_MAX_AGE,
  attributionFor,
  trackingParameters,
  campaignOfAttribution,
  withoutTracking,
} from '@/lib/proxy/attribution'
import { countCampaignVisit, flushCampaignVisits } from '@/lib/data/campaign-visits'
import { isPersonsRequest } from '@/lib/http/click-out'
import { decideListing } from '@/lib/proxy/listing-rewrite'

export function proxy(request: NextRequest, event: NextFetchEvent) {
  const url = request.nextUrl
  const tracking = trackingParameters(url)
  if (tracking) {
    // A visit by a campaign link, for the campaign report: counted in memory, written in batches.
    if (isPersonsRequest(request.method, request.headers)) {
      countCampaignVisit(campaignOfAttribution(tracking))
      // On Vercel a timer may never fire: the count is written before the function freezes.
      if (settings().VERCEL) event.waitUntil(flushCampaignVisits())
    }
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
  if (listing.kind === 'rewrite') {
    // A clone of nextUrl keeps Next's idea of its own origin: a plain new URL() can look like
    // another host (e.g. behind -H 127.0.0.1) and turn the rewrite into a proxied request.
    const target = url.clone()
    const [pathname, search = ''] = listing.path.split('?')
    target.pathname = pathname!
    target.search = search
    return NextResponse.rewrite(target)
  }
  return NextResponse.next()
}

export const config = {
  // Not for assets, media, the image optimiser or APIs: they carry no campaign links and need speed.
  matcher: ['/((?!_next/|api/|media/|share/|go/|icon.svg|favicon.ico|robots.txt|sitemap.xml|opengraph-image).*)'],
}
