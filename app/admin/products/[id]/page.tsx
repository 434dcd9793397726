import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { requireEditorPage } from '@/lib/auth/guard'
import { getProductForEditing } from '@/lib/data/admin/products'
import { AdminNav } from '../../_components/admin-nav'
import { PageHeading } from '../../_components/page-heading'
import { FeedFacts } from '../feed-facts'
import { ProductForm } from '../product-form'

export const metadata: Metadata = { title: 'Edit product' }

export default async function EditProduct({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const editor = await requireEditorPage(`/admin/products/${id}`)
  const product = await getProductForEditing(id)
  if (!product) notFound()
  return (
    <>
      <AdminNav editor={editor} />
      <PageHeading
        list={{ href: '/admin/products', label: 'Products' }}
        title={product.name}
        crumb={product.feed.sku}
      />
      <p>
        {product.feed.active ? (
          <Link href={`/products/${product.feed.slug}`} target="_blank">
            View the public page
          </Link>
        ) : (
          'Inactive in the feed: the shop pages do not show it.'
        )}
      </p>
      <div className="product-edit">
        <ProductForm product={product} />
        <FeedFacts product={product} />
      </div>
    </>
  )
}
