import Image from 'next/image'
import type { IdolSummary } from '@/lib/data/types'

export function IdolStrip({ idols }: { idols: IdolSummary[] }) {
  if (idols.length === 0) return <p className="empty">The idols are on their way.</p>
  return (
    <ul className="idol-strip">
      {idols.map((idol) => (
        <li key={idol.slug}>
          <div className="idol-card">
            <div className="portrait">
              {idol.portrait && (
                <Image src={idol.portrait.url} alt={idol.portrait.alt} width={220} height={220} sizes="140px" />
              )}
            </div>
            <strong>{idol.name}</strong>
            <span>
              {idol.outfitCount} {idol.outfitCount === 1 ? 'outfit' : 'outfits'}
            </span>
          </div>
        </li>
      ))}
    </ul>
  )
}
