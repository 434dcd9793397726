'use server'
// Signing out, from the admin's navigation on every page: ends the session in the database (a
// copied cookie stops working too) and forgets the cookie.
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { SESSION_COOKIE } from '@/lib/auth/session-cookie'
import { revokeSession } from '@/lib/data/admin/sessions'

export async function signOutAction(): Promise<void> {
  const jar = await cookies()
  await revokeSession(jar.get(SESSION_COOKIE)?.value)
  jar.delete(SESSION_COOKIE)
  redirect('/admin/login')
}
