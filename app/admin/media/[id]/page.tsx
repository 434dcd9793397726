import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireEditorPage } from '@/lib/auth/guard'
import { getMediaDetail, type MediaUse } from '@/lib/data/admin/media'
import { AdminNav } from '../../_components/admin-nav'
import { fileSize } from '../../_components/file-size'
import { DeleteForm } from '../../_components/delete-form'
import { deleteMediaAction } from './actions'
import { AltForm } from './forms'
import { When } from '../../_components/when'

export const metadata: Metadata = { title: 'Image' }

const KIND_NAMES: Record<MediaUse['kind'], string> = {
  outfit: 'Cover of outfit',
  idol: 'Portrait of',
  product: 'Image of product',
  shot: 'Shot',
  social: 'Social post',
}
const ADMIN_PATHS: Record<MediaUse['kind'], string> = {
  outfit: 'outfits',
  idol: 'idols',
  product: 'products',
  shot: 'shots',
  social: 'socials',
}

export default async function MediaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const editor = await requireEditorPage(`/admin/media/${id}`)
  const media = await getMediaDetail(id)
  if (!media) notFound()
  return (
    <>
      <AdminNav editor={editor} />
      <p className="breadcrumbs">
        <Link href="/admin/media">Media library</Link> / {media.alt || 'Image'}
      </p>
      <h1>Image</h1>
      <div className="media-detail">
        {/* eslint-disable-next-line @next/next/no-img-element -- the original, as stored */}
        <img src={media.url} alt={media.alt || 'Image without alt text'} width={media.width} height={media.height} />
        <div>
          <dl className="facts">
            <dt>Type</dt>
            <dd>{media.mime}</dd>
            <dt>Size</dt>
            <dd>
              {media.width}×{media.height} px, {fileSize(media.bytes)}
            </dd>
            <dt>Uploaded</dt>
            <dd>
              <When iso={media.createdAt} />
            </dd>
          </dl>
          <AltForm id={media.id} version={media.version} alt={media.alt} />
          <h2>Where it is used</h2>
          {media.uses.length === 0 ? (
            <p className="muted">Nowhere: it can be deleted.</p>
          ) : (
            <ul className="media-uses">
              {media.uses.map((use) => (
                <li key={`${use.kind}-${use.id}`}>
                  {KIND_NAMES[use.kind]} <Link href={`/admin/${ADMIN_PATHS[use.kind]}/${use.id}`}>{use.label}</Link>
                </li>
              ))}
            </ul>
          )}
          <DeleteForm
            action={deleteMediaAction}
            id={media.id}
            version={media.version}
            label="Delete this image"
            confirm="Delete this image from the library and from storage? This cannot be undone."
            blockedBecause={
              media.uses.length > 0 ? 'In use, so it cannot be deleted: replace it where it is used first.' : undefined
            }
          />
        </div>
      </div>
    </>
  )
}
