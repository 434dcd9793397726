// The campaign landing page, served at / through a rewrite (next.config.js) so that it renders on
// first request instead of at build time, and is then served from the ISR cache.
import type { Metadata } from 'next'
import { SizedImage } from '@/app/_components/sized-image'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getPublishedIdols } from '@/lib/data/idols'
import { getFeaturedOutfits } from '@/lib/data/outfits'
import { listShots, listSocials } from '@/lib/data/shots'
import { SITE } from '@/lib/site'
import { pageMetadata } from '@/lib/seo'
import { IdolStrip } from '@/app/_components/idol-strip'
import { OutfitGrid } from '@/app/_components/outfit-grid'
import { ShotsGallery } from '@/app/_components/shots-gallery'
import { SocialWall } from '@/app/_components/social-wall'

// Editorial data: REVALIDATE_SECONDS.editorial in lib/cache/policy.ts.
export const revalidate = 300

export function generateStaticParams(): { edition: string }[] {
  return [] // nothing at build time: the build has no database
}

// The page most often shared: its preview shows the lead outfit's cover, as the hero does.
export async function generateMetadata(): Promise<Metadata> {
  const [lead] = await getFeaturedOutfits(8)
  return pageMetadata({ title: SITE.campaign, description: SITE.tagline, path: '/', image: lead?.cover })
}

export default async function LandingPage({ params }: { params: Promise<{ edition: string }> }) {
  const { edition } = await params
  if (edition !== 'current') notFound()
  const [idols, outfits, shots, socials] = await Promise.all([
    getPublishedIdols(),
    getFeaturedOutfits(8),
    listShots(1),
    listSocials(1),
  ])
  const lead = outfits[0]

  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div>
          <p className="hero-eyebrow">{SITE.campaign}</p>
          <h1 id="hero-title">{SITE.tagline}</h1>
          <p className="hero-lede">
            {idols.length} idols, {outfits.length > 0 ? 'their favourite outfits' : 'their outfits'} and every piece in
            them.
          </p>
          {lead && (
            <Link className="button" href="/outfits">
              Shop the looks
            </Link>
          )}
        </div>
        {lead?.cover && (
          <figure className="hero-figure">
            <SizedImage image={lead.cover} sizes="(min-width: 760px) 45vw, 100vw" first />
          </figure>
        )}
      </section>

      <section id="idols" className="section" aria-labelledby="idols-title">
        <div className="section-head">
          <h2 id="idols-title">The idols</h2>
        </div>
        <IdolStrip idols={idols} />
      </section>

      <section id="outfits" className="section" aria-labelledby="outfits-title">
        <div className="section-head">
          <h2 id="outfits-title">Featured outfits</h2>
        </div>
        <OutfitGrid outfits={outfits} />
        <p>
          <Link className="more-link" href="/outfits">
            All outfits →
          </Link>
        </p>
      </section>

      <section id="shots" className="section" aria-labelledby="shots-title">
        <div className="section-head">
          <h2 id="shots-title">Latest shots</h2>
          <Link className="more-link" href="/shots">
            All shots →
          </Link>
        </div>
        <ShotsGallery shots={shots.items.slice(0, 8)} />
      </section>

      <section id="socials" className="section" aria-labelledby="socials-title">
        <div className="section-head">
          <h2 id="socials-title">On social</h2>
          <Link className="more-link" href="/socials">
            All posts →
          </Link>
        </div>
        <SocialWall socials={socials.items.slice(0, 6)} />
      </section>
    </>
  )
}
