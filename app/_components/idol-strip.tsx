import { SizedImage } from './sized-image'
import Link from 'next/link'
import type { IdolSummary } from '@/lib/data/types'

export function IdolStrip({ idols, layout = 'strip' }: { idols: IdolSummary[]; layout?: 'strip' | 'grid' }) {
  if (idols.length === 0) return <p className="empty">The idols are on their way.</p>
  return (
    <ul className={layout === 'strip' ? 'idol-strip' : 'idol-grid'}>
      {idols.map((idol) => (
        <li key={idol.slug}>
          <Link className="idol-card" href={`/idols/${idol.slug}`}>
            <div className="portrait">
              {idol.portrait && <SizedImage image={idol.portrait} sizes="140px" width={220} height={220} />}
            </div>
            <strong>{idol.name}</strong>
            <span>
              {idol.outfitCount} {idol.outfitCount === 1 ? 'outfit' : 'outfits'}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  )
}
