import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { currentEditor, safeNextPath } from '@/lib/auth/guard'
import { LoginForm } from './login-form'

export const metadata: Metadata = { title: 'Sign in', robots: { index: false, follow: false } }

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next)
  if (await currentEditor()) redirect(next)
  return (
    <section className="admin-login">
      <h1>Editors sign in</h1>
      <LoginForm next={next} />
    </section>
  )
}
