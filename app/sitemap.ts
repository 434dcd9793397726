// sitemap.xml: every public page. Rendered on request (the build has no database) and cached like
// the editorial pages.
import type { MetadataRoute } from 'next'
import { getPublishedIdols } from '@/lib/data/idols'
import { getAllPublicOutfitSlugs } from '@/lib/data/outfits'
import { getAllActiveProductSlugs } from '@/lib/data/products'
import { absoluteUrl } from '@/lib/seo'

export const dynamic = 'force-dynamic'

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [idols, outfits, products] = await Promise.all([
    getPublishedIdols(),
    getAllPublicOutfitSlugs(),
    getAllActiveProductSlugs(),
  ])
  return [
    ...['/', '/idols', '/outfits', '/products', '/shots', '/socials', '/impressum', '/datenschutz'].map((path) => ({
      url: absoluteUrl(path),
      changeFrequency: 'daily' as const,
    })),
    ...idols.map((idol) => ({ url: absoluteUrl(`/idols/${idol.slug}`), changeFrequency: 'weekly' as const })),
    ...outfits.map((outfit) => ({
      url: absoluteUrl(`/outfits/${outfit.slug}`),
      lastModified: outfit.updatedAt,
      changeFrequency: 'weekly' as const,
    })),
    ...products.map((product) => ({
      url: absoluteUrl(`/products/${product.slug}`),
      lastModified: product.updatedAt,
      changeFrequency: 'daily' as const,
    })),
  ]
}
