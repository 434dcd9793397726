import { SizedImage } from './sized-image'
import type { Social } from '@/lib/data/types'

const NETWORK_NAME: Record<Social['network'], string> = {
  INSTAGRAM: 'Instagram',
  TIKTOK: 'TikTok',
  FACEBOOK: 'Facebook',
  X: 'X',
  YOUTUBE: 'YouTube',
}

export function SocialWall({ socials }: { socials: Social[] }) {
  if (socials.length === 0) return <p className="empty">No posts yet.</p>
  return (
    <ul className="social-wall">
      {socials.map((social) => (
        <li key={social.id} className="social-card">
          {social.image && <SizedImage image={social.image} sizes="(min-width: 760px) 30vw, 90vw" />}
          <div className="body">
            <p className="social-meta">
              <strong>{social.author}</strong> on {NETWORK_NAME[social.network]} ·{' '}
              <time dateTime={social.postedAt}>
                {new Date(social.postedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}
              </time>
            </p>
            <p>{social.text}</p>
            <a href={social.url} rel="noopener nofollow" target="_blank">
              View post
            </a>
          </div>
        </li>
      ))}
    </ul>
  )
}
