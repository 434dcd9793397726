import type { Metadata } from 'next'
import Link from 'next/link'
import { requireEditorPage } from '@/lib/auth/guard'
import { listMediaLibrary } from '@/lib/data/admin/media'
import { Pagination } from '@/app/_components/pagination'
import { AdminNav } from '../_components/admin-nav'
import { Uploader } from '../_components/uploader'
import { fileSize } from '../_components/file-size'

export const metadata: Metadata = { title: 'Media library' }

const FILTERS = { all: 'All images', unused: 'Unused', 'no-alt': 'Missing alt text' } as const
type Filter = keyof typeof FILTERS

export default async function MediaLibrary({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; show?: string; q?: string; deleted?: string }>
}) {
  const editor = await requireEditorPage('/admin/media')
  const query = await searchParams
  const filter: Filter = query.show && query.show in FILTERS ? (query.show as Filter) : 'all'
  const search = typeof query.q === 'string' ? query.q.slice(0, 100) : ''
  const library = await listMediaLibrary(Number(query.page) || 1, filter, search)
  const href = (page: number, show: Filter = filter) => {
    const params = new URLSearchParams()
    if (show !== 'all') params.set('show', show)
    if (search) params.set('q', search)
    if (page > 1) params.set('page', String(page))
    return `/admin/media${params.size ? `?${params}` : ''}`
  }
  return (
    <>
      <AdminNav editor={editor} />
      <h1>Media library</h1>
      {query.deleted && (
        <p className="form-message" role="status">
          The image was deleted.
        </p>
      )}
      <Uploader />
      <form className="search-form" method="get" role="search">
        {filter !== 'all' && <input type="hidden" name="show" value={filter} />}
        <input
          type="search"
          name="q"
          defaultValue={search}
          placeholder="Search alt texts, e.g. red coat"
          aria-label="Search the library"
          maxLength={100}
        />
        <button className="button" type="submit">
          Search
        </button>
      </form>
      <nav className="media-filters" aria-label="Show">
        {(Object.keys(FILTERS) as Filter[]).map((key) => (
          <Link key={key} href={href(1, key)} aria-current={key === filter ? 'page' : undefined}>
            {FILTERS[key]}
          </Link>
        ))}
        <span className="muted">{library.total} in all</span>
      </nav>
      {library.items.length === 0 ? (
        <p className="empty">No images here.</p>
      ) : (
        <ul className="media-grid">
          {library.items.map((item) => (
            <li key={item.id}>
              <Link href={`/admin/media/${item.id}`}>
                {/* eslint-disable-next-line @next/next/no-img-element -- admin thumbnails */}
                <img
                  src={item.url}
                  alt={item.alt || 'Image without alt text'}
                  width={item.width}
                  height={item.height}
                  loading="lazy"
                />
                <span>
                  {item.width}×{item.height} · {fileSize(item.bytes)}
                </span>
                <span>
                  {item.uses > 0 ? `Used ${item.uses}×` : <span className="tag">unused</span>}
                  {!item.alt && <span className="tag">no alt text</span>}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={library.page} pageCount={library.pages} hrefFor={(page) => href(page)} />
    </>
  )
}
