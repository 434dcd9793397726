// An idol: who they are, their outfits, shots and social posts.
import type { Metadata } from 'next'
import { SizedImage } from '@/app/_components/sized-image'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getIdolBySlug } from '@/lib/data/idols'
import { NOT_FOUND_METADATA, absoluteUrl, pageMetadata } from '@/lib/seo'
import { OutfitGrid } from '@/app/_components/outfit-grid'
import { ShotsGallery } from '@/app/_components/shots-gallery'
import { SocialWall } from '@/app/_components/social-wall'
import { LikeButton } from '@/app/_components/like-button'
import { ShareControl } from '@/app/_components/share-control'

// Editorial data: REVALIDATE_SECONDS.editorial in lib/cache/policy.ts.
export const revalidate = 300

export function generateStaticParams(): { slug: string }[] {
  return [] // rendered on first request: the build has no database
}

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const idol = await getIdolBySlug((await params).slug)
  if (!idol) return NOT_FOUND_METADATA
  return pageMetadata({
    title: idol.name,
    description: idol.bio,
    path: `/idols/${idol.slug}`,
    image: idol.portrait,
    type: 'article',
  })
}

const HANDLE_URL = {
  instagram: (handle: string) => `https://www.instagram.com/${handle}`,
  tiktok: (handle: string) => `https://www.tiktok.com/@${handle}`,
  facebook: (handle: string) => `https://www.facebook.com/${handle}`,
}

export default async function IdolPage({ params }: Props) {
  const idol = await getIdolBySlug((await params).slug)
  if (!idol) notFound()
  const handles = Object.entries(idol.handles).filter((entry): entry is [keyof typeof HANDLE_URL, string] =>
    Boolean(entry[1]),
  )

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/idols">Idols</Link>
      </nav>
      <section className="idol-hero">
        <div className="idol-portrait">
          {idol.portrait && <SizedImage image={idol.portrait} sizes="(min-width: 760px) 30vw, 60vw" first />}
        </div>
        <div>
          <h1>{idol.name}</h1>
          <p className="lede">{idol.bio}</p>
          {handles.length > 0 && (
            <ul className="handles">
              {handles.map(([network, handle]) => (
                <li key={network}>
                  <a href={HANDLE_URL[network](handle)} rel="noopener" target="_blank">
                    {network === 'tiktok' ? 'TikTok' : network[0]!.toUpperCase() + network.slice(1)}: @{handle}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <LikeButton type="idol" slug={idol.slug} label={idol.name} />
            <ShareControl url={absoluteUrl(`/idols/${idol.slug}`)} title={idol.name} />
          </div>
        </div>
      </section>
      <section className="section" aria-labelledby="idol-outfits">
        <h2 id="idol-outfits">Outfits</h2>
        <OutfitGrid outfits={idol.outfits} />
      </section>
      {idol.shots.length > 0 && (
        <section className="section" aria-labelledby="idol-shots">
          <h2 id="idol-shots">Shots</h2>
          <ShotsGallery shots={idol.shots} />
        </section>
      )}
      {idol.socials.length > 0 && (
        <section className="section" aria-labelledby="idol-socials">
          <h2 id="idol-socials">On social</h2>
          <SocialWall socials={idol.socials} />
        </section>
      )}
    </>
  )
}
