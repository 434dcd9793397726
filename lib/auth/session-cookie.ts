// The session cookie: the token lib/data/admin/sessions.ts hands out, kept where scripts cannot
// read it (httpOnly), sent only over HTTPS in production, and not on cross-site requests.
export const SESSION_COOKIE = 'lb_session'

export function sessionCookieOptions(expiresAt: Date) {
  return {
    httpOnly: true,
    secure: process.env.NODE_ENV === 'production',
    sameSite: 'lax' as const,
    path: '/',
    expires: expiresAt,
  }
}
