'use server'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { loginSchema, signIn } from '@/lib/auth/sign-in'
import { safeNextPath } from '@/lib/auth/guard'
import { clientAddress } from '@/lib/http/client-address'
import { fieldErrors } from '@/lib/http/responses'
import { SESSION_COOKIE, sessionCookieOptions } from '@/lib/auth/session-cookie'

export type LoginState = { error?: string; fields?: Record<string, string>; email?: string }

export async function signInAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  // A hand-made request can send anything as the form.
  if (!(form instanceof FormData)) return { error: 'Invalid request.' }
  const parsed = loginSchema.safeParse({ email: form.get('email'), password: form.get('password') })
  const email = String(form.get('email') ?? '')
  if (!parsed.success) {
    return { error: 'Please check the highlighted fields.', fields: fieldErrors(parsed.error.issues), email }
  }
  const requestHeaders = await headers()
  const result = await signIn(parsed.data, {
    ip: clientAddress(requestHeaders),
    userAgent: requestHeaders.get('user-agent') ?? undefined,
  })
  if (!result.ok) return { error: result.error, email }
  ;(await cookies()).set(SESSION_COOKIE, result.token, sessionCookieOptions(result.expiresAt))
  redirect(safeNextPath(form.get('next')))
}
