// /socials: what the idols posted about the campaign (approved posts only).
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { listSocials } from '@/lib/data/shots'
import { pageMetadata } from '@/lib/seo'
import { SocialWall } from '@/app/_components/social-wall'
import { Pagination, pageHref } from '@/app/_components/pagination'
import { pageFromSegment } from '@/app/_components/listing'

// Editorial data: REVALIDATE_SECONDS.editorial in lib/cache/policy.ts.
export const revalidate = 300

export function generateStaticParams(): { query: string }[] {
  return []
}

export const metadata: Metadata = pageMetadata({
  title: 'Social',
  description: 'The campaign on Instagram, TikTok and beyond.',
  path: '/socials',
})

export default async function SocialsPage({ params }: { params: Promise<{ query: string }> }) {
  const page = pageFromSegment((await params).query)
  if (page === null) notFound()
  const socials = await listSocials(page)
  if (page > socials.pageCount) notFound()
  return (
    <>
      <h1>On social</h1>
      <SocialWall socials={socials.items} />
      <Pagination page={page} pageCount={socials.pageCount} hrefFor={pageHref('/socials')} />
    </>
  )
}
