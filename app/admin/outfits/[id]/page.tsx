import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireEditorPage } from '@/lib/auth/guard'
import { listIdolChoices } from '@/lib/data/admin/idols'
import { getOutfitForEditing, getOutfitItemsForEditing } from '@/lib/data/admin/outfits'
import { listMediaChoices } from '@/lib/data/admin/media'
import { AdminNav } from '../../_components/admin-nav'
import { OutfitForm } from './outfit-form'
import { ItemsEditor } from './items-editor'
import { DeleteForm } from '../../_components/delete-form'
import { deleteOutfitAction } from './delete-actions'

export const metadata: Metadata = { title: 'Edit outfit' }

export default async function EditOutfit({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const editor = await requireEditorPage(`/admin/outfits/${id}`)
  const outfit = await getOutfitForEditing(id)
  if (!outfit) notFound()
  const [items, idols, images] = await Promise.all([
    getOutfitItemsForEditing(id),
    listIdolChoices(),
    listMediaChoices(outfit.coverId),
  ])
  return (
    <>
      <AdminNav editor={editor} />
      <p className="breadcrumbs">
        <Link href="/admin/outfits">Outfits</Link> / {outfit.idol.name}
      </p>
      <h1>{outfit.title}</h1>
      <p>
        <Link href={`/outfits/${outfit.slug}`} target="_blank">
          View the public page
        </Link>{' '}
        · {/* A plain link: the preview route sets a cookie and redirects. */}
        <a href={`/api/admin/preview?outfit=${outfit.id}`} target="_blank" rel="noopener">
          Preview as it will look (drafts too)
        </a>
      </p>
      <OutfitForm
        outfit={{
          id: outfit.id,
          title: outfit.title,
          description: outfit.description,
          published: outfit.published,
          publishedAt: outfit.publishedAt?.toISOString() ?? null,
          featured: outfit.featured,
          version: outfit.version,
          idolId: outfit.idolId,
          coverId: outfit.coverId ?? '',
        }}
        idols={idols}
        images={images}
      />
      <ItemsEditor outfitId={outfit.id} version={outfit.version} cover={outfit.cover} initial={items} />
      <DeleteForm
        action={deleteOutfitAction}
        id={outfit.id}
        version={outfit.version}
        label="Delete this outfit"
        confirm={`Delete “${outfit.title}” with its pieces, likes and comments? This cannot be undone.`}
      />
    </>
  )
}
