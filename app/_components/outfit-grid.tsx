import { SizedImage } from './sized-image'
import Link from 'next/link'
import type { OutfitSummary } from '@/lib/data/types'

export function OutfitGrid({ outfits }: { outfits: OutfitSummary[] }) {
  if (outfits.length === 0) return <p className="empty">No outfits yet: check back soon.</p>
  return (
    <ul className="outfit-grid">
      {outfits.map((outfit) => (
        <li key={outfit.slug}>
          <Link className="outfit-card" href={`/outfits/${outfit.slug}`}>
            <div className="cover">
              {outfit.cover && <SizedImage image={outfit.cover} sizes="(min-width: 760px) 25vw, 50vw" />}
            </div>
            <div className="body">
              <h3>{outfit.title}</h3>
              <p>
                {outfit.idol.name} · {outfit.itemCount} pieces
              </p>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  )
}
