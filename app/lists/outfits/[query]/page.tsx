// /outfits (and ?page=N): every public outfit, newest first.
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { listOutfits } from '@/lib/data/outfits'
import { pageMetadata } from '@/lib/seo'
import { OutfitGrid } from '@/app/_components/outfit-grid'
import { Pagination, pageHref } from '@/app/_components/pagination'
import { pageFromSegment } from '@/app/_components/listing'

// Editorial data: REVALIDATE_SECONDS.editorial in lib/cache/policy.ts.
export const revalidate = 300

export function generateStaticParams(): { query: string }[] {
  return []
}

export const metadata: Metadata = pageMetadata({
  title: 'Outfits',
  description: 'Every look of the campaign, ready to shop piece by piece.',
  path: '/outfits',
})

export default async function OutfitsPage({ params }: { params: Promise<{ query: string }> }) {
  const page = pageFromSegment((await params).query)
  if (page === null) notFound()
  const outfits = await listOutfits(page)
  if (page > outfits.pageCount) notFound()
  return (
    <>
      <h1>Outfits</h1>
      <p className="lede">{outfits.total} looks from the campaign, newest first.</p>
      <OutfitGrid outfits={outfits.items} />
      <Pagination page={page} pageCount={outfits.pageCount} hrefFor={pageHref('/outfits')} />
    </>
  )
}
