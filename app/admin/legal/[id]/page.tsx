import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireEditorPage } from '@/lib/auth/guard'
import { getLegalPageForEditing, getLegalPageRevision, MAX_LEGAL_TEXT } from '@/lib/data/admin/legal'
import { Markdown } from '@/app/_components/markdown'
import { AdminNav } from '../../_components/admin-nav'
import { PageHeading } from '../../_components/page-heading'
import { LegalForm } from '../legal-form'

export const metadata: Metadata = { title: 'Edit legal page' }

const when = (date: Date | string) => new Date(date).toLocaleString('en-GB', { timeZone: 'Europe/Berlin' })

export default async function EditLegalPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ revision?: string }>
}) {
  const { id } = await params
  const editor = await requireEditorPage(`/admin/legal/${id}`, 'ADMIN')
  const page = await getLegalPageForEditing(id)
  if (!page) notFound()
  const asked = Number((await searchParams).revision)
  const shown = Number.isInteger(asked) && asked > 0 ? await getLegalPageRevision(id, asked) : null
  return (
    <>
      <AdminNav editor={editor} />
      <PageHeading list={{ href: '/admin/legal', label: 'Legal pages' }} title={page.title} />
      <p>
        <Link href={`/${page.id}`} target="_blank">
          View the page
        </Link>
      </p>
      <LegalForm page={page} maxLength={MAX_LEGAL_TEXT} />
      <section className="section" aria-labelledby="revisions">
        <h2 id="revisions">Revisions</h2>
        <ol className="admin-list" reversed>
          {page.revisions.map((revision) => (
            <li key={revision.version}>
              <Link href={`/admin/legal/${page.id}?revision=${revision.version}#shown-revision`}>
                Revision {revision.version}
              </Link>{' '}
              · {when(revision.savedAt)} · {revision.editor ?? 'the first text'}
              {revision.version === page.version && ' · published now'}
            </li>
          ))}
        </ol>
        {shown && (
          <article id="shown-revision" className="legal-page revision">
            <h3>
              Revision {shown.version}, saved {when(shown.savedAt)} by {shown.editor?.email ?? 'the first text'}
            </h3>
            <h1>{shown.title}</h1>
            <Markdown source={shown.body} />
          </article>
        )}
      </section>
    </>
  )
}
