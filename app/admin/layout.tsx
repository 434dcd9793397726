import type { Metadata } from 'next'
import type { ReactNode } from 'react'

// Admin pages are per-editor and never cached; each page checks the session itself.
export const metadata: Metadata = {
  title: { default: 'Admin', template: '%s · Lookbook admin' },
  robots: { index: false, follow: false },
}

export default function AdminLayout({ children }: { children: ReactNode }) {
  return <div className="admin">{children}</div>
}
