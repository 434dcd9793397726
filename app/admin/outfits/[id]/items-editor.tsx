'use client'
// Compose the look: pick products, order them, and place each one's hotspot by clicking on the
// cover. Nothing is saved until "Save pieces"; the save replaces all items at once.
import { useRouter } from 'next/navigation'
import { useState, type MouseEvent } from 'react'
import type { EditableItem } from '@/lib/data/admin/outfits'
import type { ProductChoice } from '@/lib/data/admin/product-search'
import { fetchJson } from '@/app/_components/fetch-json'
import { saveOutfitItemsAction } from './items-actions'

type Props = {
  outfitId: string
  version: number
  cover: { url: string; width: number; height: number } | null
  initial: EditableItem[]
}

export function ItemsEditor({ outfitId, version, cover, initial }: Props) {
  const router = useRouter()
  const [items, setItems] = useState(initial)
  const [placing, setPlacing] = useState<number | null>(null)
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<ProductChoice[]>([])
  const [status, setStatus] = useState<{ error?: string; message?: string }>({})
  const [savedVersion, setSavedVersion] = useState(version)
  const [saving, setSaving] = useState(false)

  async function search(text: string) {
    setQuery(text)
    if (text.trim().length < 2) return setResults([])
    // A failed search keeps the last results: the editor simply types on.
    const found = await fetchJson<{ products: ProductChoice[] }>(
      `/api/admin/products?q=${encodeURIComponent(text)}`,
    ).catch(() => null)
    if (found) setResults(found.products)
  }

  function add(product: ProductChoice) {
    if (items.some((item) => item.productId === product.id)) return
    setItems([
      ...items,
      {
        productId: product.id,
        sku: product.sku,
        name: product.name,
        brand: product.brand,
        imageUrl: product.imageUrl,
        hotspotX: null,
        hotspotY: null,
      },
    ])
    setPlacing(items.length)
  }

  function move(index: number, by: -1 | 1) {
    const next = [...items]
    const [moved] = next.splice(index, 1)
    next.splice(index + by, 0, moved!)
    setItems(next)
  }

  function place(event: MouseEvent<HTMLDivElement>) {
    if (placing === null) return
    const box = event.currentTarget.getBoundingClientRect()
    const x = Number(((event.clientX - box.left) / box.width).toFixed(3))
    const y = Number(((event.clientY - box.top) / box.height).toFixed(3))
    setItems(items.map((item, index) => (index === placing ? { ...item, hotspotX: x, hotspotY: y } : item)))
    setPlacing(null)
  }

  async function save() {
    setSaving(true)
    const result = await saveOutfitItemsAction({
      id: outfitId,
      version: Math.max(savedVersion, version),
      items: items.map(({ productId, hotspotX, hotspotY }) => ({ productId, hotspotX, hotspotY })),
    }).catch(() => ({
      ok: false as const,
      error: 'The pieces could not be saved (no answer from the server): try again.',
    }))
    setSaving(false)
    if (result.ok) {
      setSavedVersion(result.version)
      setStatus({ message: result.message })
      router.refresh() // the fields form gets the new version too
    } else setStatus({ error: result.error })
  }

  return (
    <section className="items-editor" aria-labelledby="pieces-heading">
      <h2 id="pieces-heading">Pieces</h2>
      <div className="items-layout">
        <div>
          {cover ? (
            <div className={`cover-canvas${placing !== null ? ' placing' : ''}`} onClick={place} role="presentation">
              {/* eslint-disable-next-line @next/next/no-img-element -- an editing canvas, measured in the browser */}
              <img
                src={cover.url}
                alt="Outfit cover: click to place the selected hotspot"
                width={cover.width}
                height={cover.height}
              />
              {items.map((item, index) =>
                item.hotspotX !== null && item.hotspotY !== null ? (
                  <span
                    key={item.productId}
                    className="hotspot"
                    style={{ left: `${item.hotspotX * 100}%`, top: `${item.hotspotY * 100}%` }}
                  >
                    {index + 1}
                  </span>
                ) : null,
              )}
            </div>
          ) : (
            <p className="empty">Add a cover image to place hotspots.</p>
          )}
          <p className="muted" role="status">
            {placing !== null
              ? `Click on the cover to place piece ${placing + 1}.`
              : 'Choose “Place” on a piece, then click on the cover.'}
          </p>
        </div>
        <div>
          <ol className="edit-items">
            {items.map((item, index) => (
              <li key={item.productId}>
                <span className="piece-number">{index + 1}</span>
                <span className="item-name">
                  {item.brand} · {item.name}{' '}
                  <span className="muted">{item.hotspotX === null ? '(no hotspot)' : ''}</span>
                </span>
                <span className="item-buttons">
                  <button
                    type="button"
                    onClick={() => move(index, -1)}
                    disabled={index === 0}
                    aria-label={`Move ${item.name} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    onClick={() => move(index, 1)}
                    disabled={index === items.length - 1}
                    aria-label={`Move ${item.name} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() => setPlacing(index)}
                    aria-pressed={placing === index}
                    disabled={!cover}
                  >
                    Place
                  </button>
                  <button
                    type="button"
                    onClick={() => setItems(items.filter((_, i) => i !== index))}
                    aria-label={`Remove ${item.name}`}
                  >
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ol>
          <label className="picker">
            Add a product
            <input
              type="search"
              value={query}
              onChange={(event) => void search(event.target.value)}
              placeholder="Name, brand, category or SKU"
            />
          </label>
          <ul className="picker-results">
            {results.map((product) => (
              <li key={product.id}>
                <button
                  type="button"
                  onClick={() => add(product)}
                  disabled={items.some((item) => item.productId === product.id)}
                >
                  Add {product.brand} · {product.name}{' '}
                  <span className="muted">
                    ({product.category}, {product.sku})
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {status.error && (
            <p className="form-error" role="alert">
              {status.error}
            </p>
          )}
          {status.message && <p className="form-message">{status.message}</p>}
          <button type="button" className="button" onClick={() => void save()} disabled={saving}>
            {saving ? 'Saving…' : 'Save pieces'}
          </button>
        </div>
      </div>
    </section>
  )
}
