// The Impressum and the privacy policy, at /impressum and /datenschutz (rewrites in
// next.config.js): texts admins write in /admin/legal. Rendered on first request (the build has no
// database), then served by ISR and renewed when an admin saves.
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLegalPage, isLegalPageId } from '@/lib/data/legal'
import { NOT_FOUND_METADATA, pageMetadata } from '@/lib/seo'
import { Markdown } from '@/app/_components/markdown'

// Editorial data: REVALIDATE_SECONDS.editorial in lib/cache/policy.ts.
export const revalidate = 300

export function generateStaticParams(): { page: string }[] {
  return []
}

type Props = { params: Promise<{ page: string }> }

async function pageFor(id: string) {
  return isLegalPageId(id) ? getLegalPage(id) : null
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await pageFor((await params).page)
  if (!page) return NOT_FOUND_METADATA
  return pageMetadata({ title: page.title, description: `${page.title} of the campaign site.`, path: `/${page.id}` })
}

const dateOf = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date(iso))

export default async function LegalPage({ params }: Props) {
  const page = await pageFor((await params).page)
  if (!page) notFound()
  return (
    <article className="legal-page">
      <h1>{page.title}</h1>
      <Markdown source={page.body} />
      <p className="legal-updated">Last changed on {dateOf(page.updatedAt)}.</p>
    </article>
  )
}
