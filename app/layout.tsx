import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { SITE } from '@/lib/site'
import { settings } from '@/lib/env'
import { SiteHeader } from './_components/site-header'
import { SiteFooter } from './_components/site-footer'
import { Tracking } from './_components/tracking'
import './globals.css'

export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(settings().SITE_URL),
    title: { default: `${SITE.name} — ${SITE.campaign}`, template: `%s · ${SITE.name}` },
    description: SITE.description,
  }
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#faf8f5',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="container">
          {children}
        </main>
        <SiteFooter measured={Boolean(settings().META_PIXEL_ID)} />
        <Tracking pixelId={settings().META_PIXEL_ID ?? null} privacyPath="/datenschutz" />
      </body>
    </html>
  )
}
