// /idols: the faces of the campaign.
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getPublishedIdols } from '@/lib/data/idols'
import { pageMetadata } from '@/lib/seo'
import { IdolStrip } from '@/app/_components/idol-strip'
import { pageFromSegment } from '@/app/_components/listing'

// Editorial data: REVALIDATE_SECONDS.editorial in lib/cache/policy.ts.
export const revalidate = 300

export function generateStaticParams(): { query: string }[] {
  return []
}

export const metadata: Metadata = pageMetadata({
  title: 'Idols',
  description: 'The people of the campaign and the looks they wear.',
  path: '/idols',
})

export default async function IdolsPage({ params }: { params: Promise<{ query: string }> }) {
  if (pageFromSegment((await params).query) !== 1) notFound()
  const idols = await getPublishedIdols()
  return (
    <>
      <h1>Idols</h1>
      <p className="lede">The voices of the season: pick one to see their looks.</p>
      <IdolStrip idols={idols} layout="grid" />
    </>
  )
}
