import type { MetadataRoute } from 'next'
import { absoluteUrl } from '@/lib/seo'

// Rendered on request: a build-time copy would name the build's address, not SITE_URL.
export const dynamic = 'force-dynamic'

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/api/', '/admin', '/search', '/go/'] }],
    sitemap: absoluteUrl('/sitemap.xml'),
  }
}
