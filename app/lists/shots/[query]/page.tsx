// /shots: the campaign's photos, with a keyboard-accessible lightbox.
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { listShots } from '@/lib/data/shots'
import { pageMetadata } from '@/lib/seo'
import { ShotsGallery } from '@/app/_components/shots-gallery'
import { Pagination, pageHref } from '@/app/_components/pagination'
import { pageFromSegment } from '@/app/_components/listing'

// Editorial data: REVALIDATE_SECONDS.editorial in lib/cache/policy.ts.
export const revalidate = 300

export function generateStaticParams(): { query: string }[] {
  return []
}

export const metadata: Metadata = pageMetadata({
  title: 'Shots',
  description: 'Behind the scenes of the campaign.',
  path: '/shots',
})

export default async function ShotsPage({ params }: { params: Promise<{ query: string }> }) {
  const page = pageFromSegment((await params).query)
  if (page === null) notFound()
  const shots = await listShots(page)
  if (page > shots.pageCount) notFound()
  return (
    <>
      <h1>Shots</h1>
      <ShotsGallery shots={shots.items} />
      <Pagination page={page} pageCount={shots.pageCount} hrefFor={pageHref('/shots')} />
    </>
  )
}
