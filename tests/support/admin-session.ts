// Signing in to the admin in tests: through the form in a browser, or straight through lib/auth for
// a session cookie to send with fetch.
import type { Page } from 'playwright-core'
import { signIn as signInDirectly } from '@/lib/auth/sign-in'
import { SESSION_COOKIE } from '@/lib/auth/session-cookie'
import { upsertEditor } from '@/lib/data/admin/editor-accounts'
import { DEMO_EDITOR } from '@/prisma/seed'

/** Submits the sign-in form and waits for the server action's answer (not just any text on the page). */
export async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/admin/login`, { waitUntil: 'load' })
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  const answered = page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().includes('/admin/login'),
  )
  await page.getByRole('button', { name: 'Sign in' }).click()
  await answered
}

/** Signs in as the seed's demo editor (an admin) and waits for the dashboard. */
export async function signInAsDemoEditor(page: Page, base: string) {
  await signIn(page, base, DEMO_EDITOR.email, DEMO_EDITOR.password)
  await page.waitForURL(`${base}/admin`)
}

/** A session cookie for an editor with this role (created or reset first), for requests made with fetch. */
export async function sessionCookieFor(email: string, role: 'ADMIN' | 'EDITOR', password = 'plain editor password') {
  await upsertEditor({ email, password, role })
  const signedIn = await signInDirectly({ email, password }, { ip: '192.0.2.77' })
  if (!signedIn.ok) throw new Error(signedIn.error)
  return `${SESSION_COOKIE}=${signedIn.token}`
}
