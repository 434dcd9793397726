import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listProductsForEditors, type AdminProductRow } from '@/lib/data/admin/products'
import { Pagination } from '@/app/_components/pagination'
import { AdminNav } from '../_components/admin-nav'
import { AdminTable, Thumb, type Column } from '../_components/admin-table'
import { ListHeader } from '../_components/list-header'

export const metadata: Metadata = { title: 'Products' }

const COLUMNS: Column<AdminProductRow>[] = [
  { header: 'Photo', cell: (product) => <Thumb image={product.image} /> },
  { header: 'Name', cell: (product) => <Link href={`/admin/products/${product.id}`}>{product.name}</Link> },
  { header: 'Brand', cell: (product) => product.brand },
  { header: 'Category', cell: (product) => product.category },
  { header: 'SKU', cell: (product) => <code>{product.sku}</code> },
  { header: 'Feed', cell: (product) => (product.active ? 'Active' : 'Inactive') },
]

export default async function AdminProducts({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string }>
}) {
  const editor = await requireEditorPage('/admin/products')
  const params = await searchParams
  const q = typeof params.q === 'string' ? params.q.slice(0, 60) : ''
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.page ?? '1', 10) || 1))
  const products = await listProductsForEditors(q, page)
  const hrefFor = (n: number) =>
    `/admin/products?${new URLSearchParams({ ...(q ? { q } : {}), ...(n > 1 ? { page: String(n) } : {}) })}`
  return (
    <>
      <AdminNav editor={editor} />
      <ListHeader title="Products" />
      <p className="muted">
        The shop’s feed owns the products: here you edit what the campaign says about them (name, description).
      </p>
      <form className="search-form" role="search" action="/admin/products">
        <input
          type="search"
          name="q"
          defaultValue={q}
          maxLength={60}
          placeholder="Name, brand, category or SKU"
          aria-label="Search products"
        />
        <button className="button" type="submit">
          Search
        </button>
      </form>
      <p role="status">
        {products.total} product{products.total === 1 ? '' : 's'}
        {q && ` matching “${q}”`}
      </p>
      <AdminTable rows={products.items} columns={COLUMNS} empty="No products match." />
      <Pagination page={products.page} pageCount={products.pageCount} hrefFor={hrefFor} />
    </>
  )
}
